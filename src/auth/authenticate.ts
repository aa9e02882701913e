/**
 * Gateway keys → principal. Clients send the key the way their SDK does:
 * `Authorization: Bearer …` (OpenAI) or `x-api-key: …` (Anthropic).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors.ts';
import type { KeyStore } from '../store/types.ts';
import { ANONYMOUS_PRINCIPAL, type Principal } from './principal.ts';

/** Longest credential looked at; longer ones cannot be ours and are not hashed. */
const MAX_KEY_LENGTH = 512;

export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization.length <= MAX_KEY_LENGTH + 7) {
    if (authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
      const token = authorization.slice(7).trim();
      if (token !== '') return token;
    }
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '' && apiKey.length <= MAX_KEY_LENGTH) return apiKey;
  return undefined;
}

/**
 * Resolves the caller. In open mode (no keys exist, loopback only) everyone is
 * the anonymous principal, whatever key their SDK insists on sending.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  keys: KeyStore,
  openMode: boolean,
): Principal {
  if (openMode) return ANONYMOUS_PRINCIPAL;
  const secret = presentedKey(headers);
  if (secret === undefined) {
    throw new GatewayError(
      'missing_api_key',
      'No API key was provided. Send a gateway key as "Authorization: Bearer <key>" or "x-api-key: <key>".',
    );
  }
  const record = keys.findBySecret(secret);
  if (record === undefined) {
    throw new GatewayError('invalid_api_key', 'The API key is not valid for this gateway.');
  }
  return {
    keyId: record.id,
    name: record.name,
    models: record.models,
    region: record.region,
    labels: record.labels,
    ...(record.rpm === undefined ? {} : { rpm: record.rpm }),
    allowDirect: record.allowDirect,
  };
}
