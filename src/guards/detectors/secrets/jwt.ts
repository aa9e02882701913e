/**
 * JSON Web Tokens (RFC 7519) in JWS compact serialisation (RFC 7515 §7.1):
 * three base64url parts; the header must decode to a JSON object with an
 * `alg`, which rules out look-alikes such as dotted base64 of other JSON.
 */
import { regexScan } from './rule.ts';

// Both header and payload are JSON objects, so both begin `{"` → `eyJ`.
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,4096}/g;

function headerHasAlg(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return (
      typeof decoded === 'object' &&
      decoded !== null &&
      typeof (decoded as { readonly alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

export const scanJwts = regexScan(JWT, (token) => (headerHasAlg(token) ? 1 : 0));
