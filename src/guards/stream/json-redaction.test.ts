import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRedactions } from '../redact.ts';
import type { DecidedFinding } from '../types.ts';
import { redactJsonText } from './json-redaction.ts';

function redact(type: string, start: number, end: number): DecidedFinding {
  return {
    finding: {
      detector: 'secrets',
      rule: 'test',
      type,
      score: 1,
      view: 'original',
      reason: 'test',
      span: { start, end },
    },
    action: 'redact',
    surface: 'output',
    location: 'output.tool_calls[0].arguments',
  };
}

function spanOf(text: string, needle: string, type = 'secret'): DecidedFinding {
  const start = text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  return redact(type, start, start + needle.length);
}

describe('redactJsonText', () => {
  it('replaces a span inside a string value with the label, keeping valid JSON', () => {
    const text = '{"query":"token sk-live-1234 please","n":1}';
    const out = redactJsonText(text, [spanOf(text, 'sk-live-1234')]);
    expect(out).toBe('{"query":"token [REDACTED:secret] please","n":1}');
    expect(JSON.parse(out)).toEqual({ query: 'token [REDACTED:secret] please', n: 1 });
  });

  it('widens a span that cuts an escape sequence to the whole escape', () => {
    const text = '{"a":"x\\u0041BC\\ny"}';
    // From inside \u0041 to inside \n.
    const out = redactJsonText(text, [
      redact('secret', text.indexOf('u0041'), text.indexOf('\\ny') + 1),
    ]);
    expect(out).toBe('{"a":"x[REDACTED:secret]y"}');
    expect(JSON.parse(out)).toEqual({ a: 'x[REDACTED:secret]y' });
  });

  it('replaces the whole value when a span crosses JSON syntax', () => {
    const text = '{"outer":{"user":"bob","pass":"hunter2"},"keep":true}';
    const out = redactJsonText(text, [spanOf(text, 'bob","pass":"hunter2')]);
    expect(JSON.parse(out)).toEqual({ outer: '[REDACTED:secret]', keep: true });
  });

  it('replaces a number holding a match with the label as a string', () => {
    const text = '{"card":4111111111111111}';
    const out = redactJsonText(text, [spanOf(text, '4111111111111111', 'card')]);
    expect(JSON.parse(out)).toEqual({ card: '[REDACTED:card]' });
  });

  it('makes the whole text the label when the span covers the top-level value', () => {
    const text = '{"a":"b"}';
    expect(redactJsonText(text, [redact('secret', 0, text.length)])).toBe('"[REDACTED:secret]"');
    const spanless = {
      detector: 'x',
      rule: 'y',
      type: 'secret',
      score: 1,
      view: 'original',
      reason: 'z',
    };
    expect(redactJsonText(text, [{ ...redact('secret', 0, 1), finding: spanless }])).toBe(
      '"[REDACTED:secret]"',
    );
  });

  it('merges overlapping spans and names them by the earliest', () => {
    const text = '{"a":"0123456789"}';
    const out = redactJsonText(text, [redact('first', 7, 11), redact('second', 9, 14)]);
    expect(out).toBe('{"a":"0[REDACTED:first]89"}');
  });

  it('ignores decisions other than redact', () => {
    const text = '{"a":"secret"}';
    expect(redactJsonText(text, [{ ...spanOf(text, 'secret'), action: 'flag' }])).toBe(text);
  });

  it('redacts invalid JSON as plain text', () => {
    const text = '{"a": "sk-1234", broken';
    const decided = [spanOf(text, 'sk-1234')];
    expect(redactJsonText(text, decided)).toBe(applyRedactions(text, decided));
  });

  it('keeps any JSON valid and free of a secret planted anywhere in its strings', () => {
    const secret = 'SECRET-0123456789ABCDEFGHIJKLMN';
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.nat(), (value, which, cut) => {
        let planted = 0;
        const strings: string[] = [];
        const plant = (node: unknown): unknown => {
          if (typeof node === 'string') {
            strings.push(node);
            const at = cut % (node.length + 1);
            return planted++ === which % 4 ? node.slice(0, at) + secret + node.slice(at) : node;
          }
          if (Array.isArray(node)) return node.map(plant);
          if (node !== null && typeof node === 'object') {
            return Object.fromEntries(
              Object.entries(node).map(([key, inner]) => [key, plant(inner)]),
            );
          }
          return node;
        };
        const text = JSON.stringify(plant(value));
        const decided = [...text.matchAll(/SECRET-[A-Z0-9]{24}/g)].map((match) =>
          redact('fake_secret', match.index, match.index + match[0].length),
        );
        const out = redactJsonText(text, decided);
        expect(out).not.toContain(secret);
        expect(() => JSON.parse(out) as unknown).not.toThrow();
        if (decided.length > 0) expect(out).toContain('[REDACTED:fake_secret]');
      }),
      { numRuns: 300 },
    );
  });
});
