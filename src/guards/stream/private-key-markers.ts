/**
 * Finding PEM private-key armour (RFC 7468 §2; OpenSSH and OpenPGP use the
 * same `-----BEGIN … PRIVATE KEY-----` shape) in streamed text. A key block
 * is kilobytes long, far longer than the normal hold-back window, so the
 * stream guard holds text from an unterminated BEGIN marker until its END
 * marker arrives; only then can a detector see (and redact) the whole block.
 */

/**
 * Bounded label (`RSA`, `EC`, `OPENSSH`, `ENCRYPTED`, `PGP`, …) so matching
 * stays linear; `(?: BLOCK)?` covers OpenPGP's `PRIVATE KEY BLOCK`.
 */
const BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

/** Longer than any marker either pattern matches: how far a rescan must step back. */
export const MARKER_MAX_CHARS = 80;

/** Where a marker sits in the searched text: `[start, end)`. */
export interface MarkerMatch {
  readonly start: number;
  readonly end: number;
}

function findFrom(pattern: RegExp, text: string, from: number): MarkerMatch | undefined {
  pattern.lastIndex = Math.max(0, from);
  const match = pattern.exec(text);
  return match === null ? undefined : { start: match.index, end: match.index + match[0].length };
}

/** The first BEGIN marker of a private key at or after `from`. */
export function findPrivateKeyBegin(text: string, from: number): MarkerMatch | undefined {
  return findFrom(BEGIN, text, from);
}

/** The first END marker of a private key at or after `from`. */
export function findPrivateKeyEnd(text: string, from: number): MarkerMatch | undefined {
  return findFrom(END, text, from);
}

/**
 * The offset of the first BEGIN marker at or after `from` that no END marker
 * follows, or `undefined` when every key block from `from` on is closed.
 */
export function findUnterminatedPrivateKey(text: string, from: number): number | undefined {
  let cursor = from;
  for (;;) {
    const begin = findPrivateKeyBegin(text, cursor);
    if (begin === undefined) return undefined;
    const end = findPrivateKeyEnd(text, begin.end);
    if (end === undefined) return begin.start;
    cursor = end.end;
  }
}
