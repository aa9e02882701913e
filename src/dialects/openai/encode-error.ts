/**
 * Encodes a GatewayError as an OpenAI error response (`{"error": {message,
 * type, param, code}}`), with `Retry-After` when the error says how long to
 * wait (RFC 9110 §10.2.3).
 */
import type { GatewayError } from '../../errors.ts';
import { toOpenAiErrorBody } from './error-body.ts';

export interface EncodedOpenAiError {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

export function encodeOpenAiError(error: GatewayError): EncodedOpenAiError {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterSeconds)));
  }
  return { status: error.status, headers, body: toOpenAiErrorBody(error) };
}
