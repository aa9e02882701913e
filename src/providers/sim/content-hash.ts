import { createHash } from 'node:crypto';

/**
 * The first 24 hex digits (96 bits) of SHA-256 over `parts`. Each part is
 * length-prefixed so `['ab', 'c']` and `['a', 'bc']` hash differently. Sim
 * ids are derived from content rather than counters or randomness so a replay
 * of the same request is byte-identical.
 */
export function shortHash(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(`${part.length}:`);
    hash.update(part);
  }
  return hash.digest('hex').slice(0, 24);
}
