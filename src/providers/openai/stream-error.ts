/**
 * An error event inside an OpenAI-compatible stream (`data: {"error": …}`,
 * sometimes under `event: error`) as a GatewayError. Such events have no HTTP
 * status, so one is inferred (vLLM puts the status in `code`; OpenAI uses
 * string codes and types) and the event is classified like an HTTP error.
 */
import { GatewayError } from '../../errors.ts';
import { upstreamErrorMessage } from '../shared/upstream-error-message.ts';
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
