/**
 * When to retry the same target and how long to wait first.
 *
 * Backoff is exponential with "full jitter" (a uniformly random wait between
 * zero and the exponential step, capped), which spreads the retries of many
 * clients that failed together (AWS Architecture Blog, "Exponential Backoff
 * And Jitter", 2015). An upstream `Retry-After` (RFC 9110 §10.2.3) is a floor:
 * the wait is never shorter than the upstream asked for. When the upstream
 * asks for longer than the operator allows (`maxRetryAfterMs`), or than the
 * request has left, waiting is pointless: routing falls back instead.
 */
import type { RoutingConfig } from '../config/schema.ts';

export type RetryConfig = RoutingConfig['retry'];

export type RetryDecision =
  | { readonly kind: 'wait'; readonly delayMs: number }
  | { readonly kind: 'fallback'; readonly reason: 'retry_after_too_long' | 'deadline' };

/**
 * Full-jitter exponential backoff for the `retry`-th retry (1-based):
 * uniform in [0, min(maxDelayMs, baseDelayMs · 2^(retry−1))).
 */
export function backoffDelay(retry: number, config: RetryConfig, random: () => number): number {
  const step = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * step);
}

/**
 * Decides the wait before retry number `retry`. `retryAfterMs` is the
 * upstream's request, `remainingMs` the time left before the request's
 * deadline (Infinity without one).
 */
export function planRetry(
  retry: number,
  retryAfterMs: number | undefined,
  remainingMs: number,
  config: RetryConfig,
  random: () => number,
): RetryDecision {
  if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) {
    return { kind: 'fallback', reason: 'retry_after_too_long' };
  }
  const delayMs = Math.max(backoffDelay(retry, config, random), retryAfterMs ?? 0);
  // A retry needs time to run after the wait, so a wait that uses up the
  // whole remaining deadline is as good as none.
  if (delayMs >= remainingMs) return { kind: 'fallback', reason: 'deadline' };
  return { kind: 'wait', delayMs };
}
