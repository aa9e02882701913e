/**
 * An error event inside an OpenAI-compatible stream (`data: {"error": …}`,
 * sometimes under `event: error`) as a GatewayError. Such events have no HTTP
 * status, so one is inferred (vLLM puts the status in `code`; OpenAI uses
 * string codes and types) and the event is classified like an HTTP error.
 */
import type { ErrorCode } from '../../errors.ts';
import { GatewayError } from '../../errors.ts';
import { classifyOpenAiError, readErrorDetails } from './classify-error.ts';
import type { OpenAiErrorDetails } from './classify-error.ts';

const RATE_LIMIT_NAMES: ReadonlySet<string> = new Set([
  'rate_limit_exceeded',
  'rate_limit_error',
  'requests',
  'tokens',
  'RateLimitError',
]);
const OVERLOADED_NAMES: ReadonlySet<string> = new Set([
  'server_overloaded',
  'overloaded_error',
  'overloaded',
  'ServiceUnavailableError',
]);
const INVALID_NAMES: ReadonlySet<string> = new Set([
  'invalid_request_error',
  'context_length_exceeded',
  'BadRequestError',
]);

export function openAiStreamError(data: unknown): GatewayError {
  const details = readErrorDetails(data);
  const failure = classifyOpenAiError(inferStatus(details), data, {});
  return new GatewayError(failure.code, failure.message ?? upstreamErrorMessage(failure.code), {
    retryable: failure.retryable,
  });
}

function inferStatus(details: OpenAiErrorDetails): number {
  const { code, type } = details;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599) return code;
  const names = [code, type];
  if (names.some((name) => typeof name === 'string' && RATE_LIMIT_NAMES.has(name))) return 429;
  if (names.some((name) => typeof name === 'string' && OVERLOADED_NAMES.has(name))) return 503;
  if (names.some((name) => typeof name === 'string' && INVALID_NAMES.has(name))) return 400;
  return 500;
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  upstream_rate_limited: 'The upstream provider is rate limiting requests.',
  upstream_overloaded: 'The upstream provider is overloaded.',
  upstream_timeout: 'The upstream provider did not answer in time.',
  upstream_invalid_request: 'The upstream provider rejected the request as invalid.',
  upstream_auth_failed: 'The gateway could not authenticate to the upstream provider.',
  upstream_model_unavailable: 'The upstream model is not available.',
};

/** Caller-safe text per upstream code; the upstream's own words only for invalid requests. */
export function upstreamErrorMessage(code: ErrorCode): string {
  return MESSAGES[code] ?? 'The upstream provider reported an error during the stream.';
}
