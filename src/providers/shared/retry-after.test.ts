import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, readRetryAfterMs } from './retry-after.ts';

describe('readRetryAfterMs', () => {
  it('reads retry-after as delay-seconds, rounding fractions up to whole milliseconds', () => {
    expect(readRetryAfterMs({ 'retry-after': '3' })).toBe(3000);
    expect(readRetryAfterMs({ 'retry-after': '1.5' })).toBe(1500);
    expect(readRetryAfterMs({ 'retry-after': '0.0005' })).toBe(1);
  });

  it('prefers retry-after-ms and keeps its fractions rounded up', () => {
    expect(readRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(readRetryAfterMs({ 'retry-after-ms': '1500.5' })).toBe(1501);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(readRetryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toBe(2000);
  });

  it('reads an HTTP-date relative to now and never goes negative', () => {
    const now = Date.UTC(2015, 9, 21, 7, 28, 0);
    expect(readRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }, now)).toBe(10_000);
    expect(readRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
  });

  it('takes the first of repeated values', () => {
    expect(readRetryAfterMs({ 'retry-after': ['2', '9'] })).toBe(2000);
  });

  it('caps absurd delays at one day', () => {
    expect(readRetryAfterMs({ 'retry-after': '9999999999' })).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores absent, empty, unreadable and overlong values', () => {
    expect(readRetryAfterMs({})).toBeUndefined();
    expect(readRetryAfterMs({ 'retry-after': '' })).toBeUndefined();
    expect(readRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(readRetryAfterMs({ 'retry-after': '-5' })).toBeUndefined();
    expect(
      readRetryAfterMs({ 'retry-after': `Wed, 21 Oct 2015 07:28:10 GMT${' '.repeat(40)}x` }),
    ).toBeUndefined();
  });
});
