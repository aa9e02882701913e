/**
 * How routing reads a failed attempt's GatewayError: is the request itself
 * at fault, does the failure count against the target's health, and what
 * did the upstream say about waiting.
 */
import type { ErrorCode, GatewayError } from '../errors.ts';

/** Errors in the request itself: every target would refuse it, so no fallback. */
const CALLER_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'upstream_invalid_request',
  'invalid_request',
  'invalid_json',
  'invalid_tool_schema',
  'body_too_large',
  'too_deeply_nested',
  'too_many_messages',
]);

/**
 * Failures that speak to the target's health and so feed its breaker. A 429
 * counts: a target rate-limiting every request is unavailable, and resting
 * it for the cooldown lets its limits refill.
 */
const TARGET_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'upstream_error',
  'upstream_timeout',
  'upstream_rate_limited',
  'upstream_overloaded',
  'upstream_auth_failed',
  'upstream_model_unavailable',
  'upstream_truncated',
  'upstream_bad_response',
]);

/**
 * Retryable failures that a retry at the same target cannot cure, although
 * another target may serve: the provider does not know the model (retired or
 * not found), so asking it again only adds latency. The adapters mark these
 * `retryable` (another attempt may succeed), so routing must tell the two
 * apart here; without this a retired model was asked twice before fallback.
 */
const SAME_TARGET_FUTILE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'upstream_model_unavailable',
]);

export function isCallerError(code: ErrorCode): boolean {
  return CALLER_ERRORS.has(code);
}

/** Whether a retryable failure is worth retrying at the same target (else: fall back at once). */
export function retryHelpsSameTarget(code: ErrorCode): boolean {
  return !SAME_TARGET_FUTILE.has(code);
}

export function countsAgainstTarget(code: ErrorCode): boolean {
  return TARGET_FAILURES.has(code);
}

/**
 * The upstream's `Retry-After` in ms: exact from the HTTP backend's
 * `UpstreamStatusError`, else from whole seconds. Read structurally so routing
 * does not depend on one backend implementation.
 */
export function retryAfterMs(error: GatewayError): number | undefined {
  const exact = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof exact === 'number') return exact;
  return error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
}

/** The upstream's HTTP status, when the error came from an HTTP answer. */
export function upstreamStatus(error: GatewayError): number | undefined {
  const status = (error as { upstreamStatus?: unknown }).upstreamStatus;
  return typeof status === 'number' ? status : undefined;
}
