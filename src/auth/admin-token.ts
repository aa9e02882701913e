import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Secret } from '../config/secret.ts';
import { GatewayError } from '../errors.ts';
import { presentedKey } from './authenticate.ts';

/**
 * Checks the admin bearer token in constant time (both sides hashed first so
 * the comparison does not leak the length either).
 */
export function checkAdminToken(headers: IncomingHttpHeaders, token: Secret | undefined): void {
  const presented = presentedKey(headers);
  if (token === undefined || presented === undefined) {
    throw new GatewayError('admin_unauthorized', 'The admin API requires the admin token.');
  }
  const expected = createHash('sha256').update(token.reveal()).digest();
  const actual = createHash('sha256').update(presented).digest();
  if (!timingSafeEqual(expected, actual)) {
    throw new GatewayError('admin_unauthorized', 'The admin API requires the admin token.');
  }
}
