import { randomBytes } from 'node:crypto';

/**
 * Request ids: a per-process random prefix plus a counter. Unique across
 * workers and restarts without calling the CSPRNG on every request.
 */
const prefix = randomBytes(6).toString('hex');
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `req_${prefix}${counter.toString(36).padStart(6, '0')}`;
}
