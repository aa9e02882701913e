import { randomBytes } from 'node:crypto';

/** RFC 4648 base32 alphabet, lower-cased: survives case folding and URLs. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const PREFIX = 'rf-canary-';
const LENGTH = 20;

/**
 * A fresh canary token to plant in a system prompt: `rf-canary-` and 20
 * base32 characters (100 bits from the CSPRNG), so it never occurs by
 * chance and survives case folding.
 */
export function newCanaryToken(): string {
  const bytes = randomBytes(LENGTH);
  let token = PREFIX;
  // Each byte contributes its low 5 bits: 256 is a multiple of 32, so the
  // characters are uniform.
  for (const byte of bytes) token += ALPHABET[byte & 31] ?? '';
  return token;
}
