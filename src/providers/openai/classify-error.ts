/**
 * Classifies an OpenAI (or OpenAI-compatible) error for routing, from the
 * status, the body and the headers (API reference, "Error codes"):
 *
 * - 404, or a `model_not_found` / deprecated-model / Azure `DeploymentNotFound`
 *   code at any status → `upstream_model_unavailable`, retryable so routing
 *   falls back to the next target;
 * - 401/403 → `upstream_auth_failed`, not retryable and without the upstream's
 *   text (it is about our credential, not the caller's request);
 * - 400/413/422 → `upstream_invalid_request` with the provider's own message,
 *   scrubbed and capped (it usually explains the problem: context length…);
 * - 408 and 504 → `upstream_timeout`; 409 → `upstream_error`; 429 →
 *   `upstream_rate_limited`; 503 → `upstream_overloaded`; other 5xx →
 *   `upstream_error`: all retryable, with the upstream's `Retry-After`.
 */
import type { UpstreamFailure } from '../types.ts';
import { readRetryAfterMs } from '../shared/retry-after.ts';
import { scrubProviderMessage } from '../shared/scrub-message.ts';

type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

const MODEL_UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'model_not_found',
  'model_deprecated',
  'deprecated_model',
  'DeploymentNotFound',
  'deployment_not_found',
]);

export interface OpenAiErrorDetails {
  readonly message?: string;
  readonly type?: string;
  /** A string code (OpenAI) or the HTTP status as a number (vLLM). */
  readonly code?: string | number;
}

export function classifyOpenAiError(
  status: number,
  body: unknown,
  headers: HeaderMap,
): UpstreamFailure {
  const details = readErrorDetails(body);
  if (
    status === 404 ||
    (typeof details.code === 'string' && MODEL_UNAVAILABLE_CODES.has(details.code))
  ) {
    return { code: 'upstream_model_unavailable', retryable: true };
  }
  switch (status) {
    case 401:
    case 403:
      return { code: 'upstream_auth_failed', retryable: false };
    case 400:
    case 413:
    case 422: {
      const message = details.message === undefined ? '' : scrubProviderMessage(details.message);
      return message === ''
        ? { code: 'upstream_invalid_request', retryable: false }
        : { code: 'upstream_invalid_request', retryable: false, message };
    }
    case 408:
    case 504:
      return retryable('upstream_timeout', headers);
    case 429:
      return retryable('upstream_rate_limited', headers);
    case 503:
      return retryable('upstream_overloaded', headers);
    default:
      if (status === 409 || (status >= 500 && status <= 599)) {
        return retryable('upstream_error', headers);
      }
      return { code: 'upstream_error', retryable: false };
  }
}

function retryable(code: UpstreamFailure['code'], headers: HeaderMap): UpstreamFailure {
  const wait = readRetryAfterMs(headers);
  return wait === undefined
    ? { code, retryable: true }
    : { code, retryable: true, retryAfterMs: wait };
}

/**
 * Reads `{error: {message, type, code}}` (OpenAI), `{error: "text"}` and
 * top-level `{message, type, code}` (some compatible servers), or plain text.
 */
export function readErrorDetails(body: unknown): OpenAiErrorDetails {
  if (typeof body === 'string') return { message: body };
  if (typeof body !== 'object' || body === null) return {};
  const outer = body as Record<string, unknown>;
  const inner = outer.error;
  if (typeof inner === 'string') return { message: inner };
  const source =
    typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : outer;
  const details: { message?: string; type?: string; code?: string | number } = {};
  if (typeof source.message === 'string') details.message = source.message;
  if (typeof source.type === 'string') details.type = source.type;
  if (typeof source.code === 'string' || typeof source.code === 'number')
    details.code = source.code;
  return details;
}
