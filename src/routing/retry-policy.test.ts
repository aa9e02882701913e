import { describe, expect, it } from 'vitest';
import { routingSchema } from '../config/schema.ts';
import { backoffDelay, planRetry } from './retry-policy.ts';

const retry = routingSchema.parse({
  retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
}).retry;

describe('backoffDelay', () => {
  it('draws uniformly below an exponential step (full jitter)', () => {
    expect(backoffDelay(1, retry, () => 0)).toBe(0);
    expect(backoffDelay(1, retry, () => 0.999)).toBe(99);
    expect(backoffDelay(2, retry, () => 0.5)).toBe(100);
    expect(backoffDelay(3, retry, () => 0.5)).toBe(200);
  });

  it('caps the step at maxDelayMs', () => {
    expect(backoffDelay(20, retry, () => 0.999)).toBe(999);
  });
});

describe('planRetry', () => {
  it('waits the jittered backoff when the upstream gave no Retry-After', () => {
    expect(planRetry(1, undefined, Infinity, retry, () => 0.5)).toEqual({
      kind: 'wait',
      delayMs: 50,
    });
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(planRetry(1, 2_000, Infinity, retry, () => 0.5)).toEqual({
      kind: 'wait',
      delayMs: 2_000,
    });
  });

  it('falls back instead of waiting longer than maxRetryAfterMs', () => {
    expect(planRetry(1, 6_000, Infinity, retry, () => 0)).toEqual({
      kind: 'fallback',
      reason: 'retry_after_too_long',
    });
  });

  it('falls back when the wait would use up the remaining deadline', () => {
    expect(planRetry(1, 2_000, 1_500, retry, () => 0)).toEqual({
      kind: 'fallback',
      reason: 'deadline',
    });
  });
});
