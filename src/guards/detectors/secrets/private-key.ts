/**
 * PEM private-key blocks (RFC 7468 §2 encapsulation boundaries): RSA, EC,
 * DSA, OPENSSH, PKCS#8 `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` and PGP
 * `PRIVATE KEY BLOCK`. The whole block is the secret, so the match runs from
 * `-----BEGIN` to the end of the matching `-----END …-----` line. Written as
 * a scan with `indexOf` rather than a regex: the body can be kilobytes and a
 * block without an END line must not make a pattern rescan it.
 */
import type { SecretMatch } from './rule.ts';

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
/** Labels are short (`ENCRYPTED PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`). */
const MAX_LABEL = 40;
/** A 4096-bit RSA key in PEM is about 3.3 KB; PGP blocks run longer. */
const MAX_BLOCK = 64 * 1024;
/** Fewer base64 characters than this is an elided sample (`-----BEGIN PRIVATE KEY-----\n...`). */
const MIN_BODY = 64;

export function scanPrivateKeys(text: string): readonly SecretMatch[] {
  const found: SecretMatch[] = [];
  let from = 0;
  // The next `-----END ` at or after some offset, cached so that many BEGIN
  // lines without an END do not each rescan the rest of the text.
  let nextEnd = -2;
  for (;;) {
    const start = text.indexOf(BEGIN, from);
    if (start === -1) break;
    const labelStart = start + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd === -1) break;
    from = labelStart;
    if (labelEnd - labelStart > MAX_LABEL) continue;
    const label = text.slice(labelStart, labelEnd);
    if (!label.endsWith('PRIVATE KEY') && !label.endsWith('PRIVATE KEY BLOCK')) continue;
    const bodyStart = labelEnd + DASHES.length;
    if (nextEnd !== -1 && nextEnd < bodyStart) nextEnd = text.indexOf('-----END ', bodyStart);
    const endMarker = nextEnd;
    let end: number;
    if (endMarker !== -1 && endMarker - bodyStart <= MAX_BLOCK) {
      const closing = text.indexOf(DASHES, endMarker + 9);
      end = closing === -1 ? endMarker + 9 : closing + DASHES.length;
    } else {
      // No END line (a truncated paste): the key runs as far as the body does.
      end = bodyEnd(text, bodyStart);
    }
    if (countBase64(text, bodyStart, Math.min(end, text.length)) >= MIN_BODY) {
      found.push({ start, end, score: 1 });
      from = end;
    }
  }
  return found;
}

/** The end of a run of base64 and line breaks, literal or JSON-escaped (`\n`). */
function bodyEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_BLOCK);
  let index = from;
  while (index < limit && isBodyCharacter(text.charCodeAt(index))) index++;
  return index;
}

function isBodyCharacter(code: number): boolean {
  // `\` for JSON-escaped line breaks; no `-`, so a run stops at the next boundary.
  return isBase64(code) || code === 61 || code === 92 || code === 10 || code === 13 || code === 32;
}

function isBase64(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47
  );
}

function countBase64(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) if (isBase64(text.charCodeAt(index))) count++;
  return count;
}
