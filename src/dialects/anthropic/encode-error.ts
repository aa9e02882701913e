/**
 * A GatewayError in Anthropic's error shape
 * (https://docs.anthropic.com/en/api/errors):
 * `{"type":"error","error":{"type":"rate_limit_error","message":"…"}}`.
 *
 * The gateway's stable code is added as `error.code`. The official SDK reads
 * only `error.type`, `error.message` and `error.details`, so the extra field
 * is ignored by it and kept in `APIError.error` for callers who want it.
 * The HTTP status is the code table's, the same in every dialect.
 */
import type { ErrorType, GatewayError } from '../../errors.ts';
import type { AnthropicErrorBody, AnthropicErrorType } from './wire-types.ts';

export interface EncodedAnthropicError {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

export function encodeAnthropicError(error: GatewayError): EncodedAnthropicError {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterSeconds)));
  }
  const body: AnthropicErrorBody = anthropicErrorBody(error);
  return { status: error.status, headers, body: { ...body } };
}

/** The body shared by HTTP errors and the in-stream `error` event. */
export function anthropicErrorBody(error: GatewayError): AnthropicErrorBody {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error), message: error.message, code: error.code },
  };
}

function anthropicErrorType(error: GatewayError): AnthropicErrorType {
  // Anthropic names 413 separately from other invalid requests.
  if (error.status === 413) return 'request_too_large';
  return ANTHROPIC_ERROR_TYPES[error.type];
}

const ANTHROPIC_ERROR_TYPES: Readonly<Record<ErrorType, AnthropicErrorType>> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  timeout: 'timeout_error',
  api_error: 'api_error',
};
