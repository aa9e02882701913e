/**
 * The caller-safe message for an upstream failure that has none of its own.
 * Only `upstream_invalid_request` may carry the provider's words (scrubbed,
 * see `scrub-message.ts`); every other upstream failure is described by its
 * code alone, so nothing the provider says about our credentials, quotas or
 * internals reaches a caller. Used for HTTP errors and in-stream error events
 * of every provider.
 */
import type { ErrorCode } from '../../errors.ts';

const MESSAGES: Partial<Readonly<Record<ErrorCode, string>>> = {
  upstream_rate_limited: 'The upstream provider is rate limiting requests.',
  upstream_overloaded: 'The upstream provider is overloaded.',
  upstream_timeout: 'The upstream provider did not answer in time.',
  upstream_invalid_request: 'The upstream provider rejected the request as invalid.',
  upstream_auth_failed: 'The gateway could not authenticate to the upstream provider.',
  upstream_model_unavailable: 'The upstream model is not available.',
  upstream_bad_response: 'The upstream response was malformed.',
  upstream_truncated: 'The upstream response ended early.',
};

export function upstreamErrorMessage(code: ErrorCode): string {
  return MESSAGES[code] ?? 'The upstream provider returned an error.';
}
