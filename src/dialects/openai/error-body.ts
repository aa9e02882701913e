/**
 * The OpenAI error body for a GatewayError, shared by HTTP error responses and
 * in-stream error events.
 *
 * `type` uses the strings real OpenAI sends, not one per family: it reports
 * bad requests, bad or missing keys (401), forbidden access and unknown models
 * (404 `model_not_found`) all as `invalid_request_error`; rate limits as
 * `requests` (its per-request limit; `tokens` is for token limits, which the
 * gateway cannot tell apart upstream); and failures on its side, overload and
 * timeouts as `server_error`. Clients tell errors apart by HTTP status and by
 * our stable `code`, which is always set.
 */
import type { ErrorType, GatewayError } from '../../errors.ts';
import type { OpenAiErrorBody } from './wire-types.ts';

export function toOpenAiErrorType(type: ErrorType): string {
  switch (type) {
    case 'invalid_request':
    case 'authentication':
    case 'permission':
    case 'not_found':
      return 'invalid_request_error';
    case 'rate_limit':
      return 'requests';
    case 'overloaded':
    case 'timeout':
    case 'api_error':
      return 'server_error';
  }
}

export function toOpenAiErrorBody(error: GatewayError): OpenAiErrorBody {
  return {
    error: {
      message: error.message,
      type: toOpenAiErrorType(error.type),
      param: error.param ?? null,
      code: error.code,
    },
  };
}
