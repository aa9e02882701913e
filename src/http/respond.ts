/**
 * Writing responses. Only `http/` touches `node:http`; everything else hands
 * it plain values.
 */
import type { ServerResponse } from 'node:http';
import type { Dialect } from '../chat/types.ts';
import { DIALECTS } from '../dialects/dialect.ts';
import type { GatewayError } from '../errors.ts';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): string {
  const text = JSON.stringify(body);
  if (response.headersSent) {
    response.end();
    return text;
  }
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
  return text;
}

/** Sends `error` in the caller's dialect; returns the body text (for the audit digest). */
export function sendError(
  response: ServerResponse,
  dialect: Dialect,
  error: GatewayError,
  headers: Readonly<Record<string, string>> = {},
): string {
  const encoded = DIALECTS[dialect].encodeError(error);
  return sendJson(response, encoded.status, encoded.body, { ...headers, ...encoded.headers });
}

/** The body text {@link sendError} sends for `error`, for recording before it is sent. */
export function errorBodyText(dialect: Dialect, error: GatewayError): string {
  return JSON.stringify(DIALECTS[dialect].encodeError(error).body);
}
