import { describe, expect, it } from 'vitest';
import { FEED_LIMITS, parseFeed } from './suspension-feed-parse.ts';

describe('parseFeed', () => {
  it('accepts a bare list of entries', () => {
    expect(parseFeed('[{"pattern":"openai/gpt-4o*","reason":"CVE-2025-1"}]')).toEqual({
      ok: true,
      entries: [{ pattern: 'openai/gpt-4o*', reason: 'CVE-2025-1' }],
    });
  });

  it('accepts a list wrapped in {"suspensions": …}', () => {
    expect(parseFeed('{"suspensions":[]}')).toEqual({ ok: true, entries: [] });
  });

  it('rejects text that is not JSON', () => {
    expect(parseFeed('<html>')).toEqual({ ok: false, error: 'invalid_json' });
  });

  it('rejects other top-level shapes', () => {
    expect(parseFeed('{"suspensions":[],"extra":1}')).toEqual({
      ok: false,
      error: 'invalid_shape',
    });
    expect(parseFeed('{"items":[]}')).toEqual({ ok: false, error: 'invalid_shape' });
    expect(parseFeed('"x"')).toEqual({ ok: false, error: 'invalid_shape' });
    expect(parseFeed('{"suspensions":{}}')).toEqual({ ok: false, error: 'invalid_shape' });
  });

  it('rejects an entry with a misspelt or missing key', () => {
    expect(parseFeed('[{"patern":"x","reason":"y"}]')).toEqual({
      ok: false,
      error: 'invalid_entry',
    });
    expect(parseFeed('[{"pattern":"x"}]')).toEqual({ ok: false, error: 'invalid_entry' });
    expect(parseFeed('[{"pattern":"x","reason":"y","severity":1}]')).toEqual({
      ok: false,
      error: 'invalid_entry',
    });
  });

  it('rejects empty, overlong or control-character patterns and reasons', () => {
    const long = 'a'.repeat(FEED_LIMITS.maxPatternChars + 1);
    const longReason = 'a'.repeat(FEED_LIMITS.maxReasonChars + 1);
    for (const entry of [
      { pattern: '', reason: 'r' },
      { pattern: long, reason: 'r' },
      { pattern: 'x', reason: longReason },
      { pattern: 'x\n', reason: 'r' },
      { pattern: 'x', reason: 'line\u0007' },
      { pattern: 1, reason: 'r' },
    ]) {
      expect(parseFeed(JSON.stringify([entry]))).toEqual({ ok: false, error: 'invalid_entry' });
    }
  });

  it('rejects more than the maximum number of entries', () => {
    const entries = Array.from({ length: FEED_LIMITS.maxEntries + 1 }, (_, index) => ({
      pattern: `m${index}`,
      reason: 'r',
    }));
    expect(parseFeed(JSON.stringify(entries))).toEqual({ ok: false, error: 'too_many_entries' });
  });
});
