/**
 * An Anthropic HTTP error → how routing should treat it
 * (https://docs.anthropic.com/en/api/errors). Retryable means another attempt,
 * on the same or the next target, may succeed.
 *
 * - 401 / 402 / 403: the gateway's credentials or billing; not retryable and
 *   no provider message (it may describe the key).
 * - 404 `not_found_error` (Anthropic's answer for an unknown or retired
 *   model), or a 400 saying the model is deprecated / retired:
 *   `upstream_model_unavailable`, retryable so routing falls back.
 * - 400 / 413 / 422: `upstream_invalid_request` with the provider's message,
 *   scrubbed and capped; not retryable.
 * - 429: `upstream_rate_limited`; 529 / 503 or `overloaded_error`:
 *   `upstream_overloaded`; 408 / 504: `upstream_timeout`; 409 and other 5xx:
 *   `upstream_error`. All retryable, with the upstream's `retry-after`.
 */
import type { ErrorCode } from '../../errors.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';
import type { UpstreamFailure } from '../types.ts';
import { readRetryAfterMs } from '../shared/retry-after.ts';
import { scrubProviderMessage } from '../shared/scrub-message.ts';

const MENTIONS_MODEL = /\bmodel\b/i;
/** Literal alternatives only: no nested quantifiers. */
const MODEL_GONE =
  /\b(?:deprecated|retired|end[- ]of[- ]life|no longer (?:available|supported)|not found|does not exist)\b/i;

export function classifyAnthropicError(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): UpstreamFailure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const type = typeof error?.type === 'string' ? error.type : undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;

  if (status === 401 || status === 402 || status === 403) {
    return { code: 'upstream_auth_failed', retryable: false };
  }
  if (status === 404) return { code: 'upstream_model_unavailable', retryable: true };
  if (status === 400 || status === 413 || status === 422) {
    if (message !== undefined && isModelGone(message)) {
      return { code: 'upstream_model_unavailable', retryable: true };
    }
    return message === undefined
      ? { code: 'upstream_invalid_request', retryable: false }
      : {
          code: 'upstream_invalid_request',
          retryable: false,
          message: scrubProviderMessage(message),
        };
  }
  let code: ErrorCode;
  if (status === 429) code = 'upstream_rate_limited';
  else if (status === 529 || status === 503 || (status >= 500 && type === 'overloaded_error')) {
    code = 'upstream_overloaded';
  } else if (status === 408 || status === 504) code = 'upstream_timeout';
  else if (status === 409 || status >= 500) code = 'upstream_error';
  else return { code: 'upstream_error', retryable: false };
  const retryAfterMs = readRetryAfterMs(headers);
  return retryAfterMs === undefined
    ? { code, retryable: true }
    : { code, retryable: true, retryAfterMs };
}

/** In-stream `error` events carry only a type: the same families as the HTTP statuses. */
export function classifyAnthropicErrorType(type: unknown): UpstreamFailure {
  switch (type) {
    case 'overloaded_error':
      return { code: 'upstream_overloaded', retryable: true };
    case 'rate_limit_error':
      return { code: 'upstream_rate_limited', retryable: true };
    case 'timeout_error':
      return { code: 'upstream_timeout', retryable: true };
    case 'invalid_request_error':
    case 'request_too_large':
      return { code: 'upstream_invalid_request', retryable: false };
    case 'authentication_error':
    case 'permission_error':
    case 'billing_error':
      return { code: 'upstream_auth_failed', retryable: false };
    case 'not_found_error':
      return { code: 'upstream_model_unavailable', retryable: true };
    default:
      return { code: 'upstream_error', retryable: true };
  }
}

function isModelGone(message: string): boolean {
  const head = message.slice(0, 1_000);
  return MENTIONS_MODEL.test(head) && MODEL_GONE.test(head);
}
