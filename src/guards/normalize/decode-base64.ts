/**
 * Base64 runs (RFC 4648 §4 standard and §5 URL-safe alphabets): at least 16
 * characters, both upper- and lower-case letters (base64 of text always has
 * both; long lower-case words and paths never do), one alphabet only,
 * padding only at the end, decoding to mostly printable UTF-8.
 */
import { Buffer } from 'node:buffer';
import type { DecodeBudget, DecodedRun } from './encoded-run.ts';
import { BASE64_CHARS, endOfRun, findLongRun } from './long-runs.ts';
import { MIN_ENCODED_RUN } from './scan-text.ts';
import { printableText } from './printable-text.ts';

/** Characters decoded first to reject a long non-text run cheaply. */
const PROBE_LENGTH = 256;

function isBase64Code(code: number): boolean {
  const lower = code | 0x20;
  return (
    (lower >= 0x61 && lower <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b || // +
    code === 0x2f || // /
    code === 0x2d || // -
    code === 0x5f // _
  );
}

function isSeparatorCode(code: number): boolean {
  return code === 0x2b || code === 0x2f || code === 0x2d || code === 0x5f;
}

/** The length of the line break at `index` (LF or CRLF), or 0. */
function lineBreakAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x0a) return 1;
  return code === 0x0d && text.charCodeAt(index + 1) === 0x0a ? 2 : 0;
}

/** Decodes `text[start, end)` (to the end when `end` is undefined) when it looks like base64 of text. */
function tryDecode(
  text: string,
  start: number,
  until: number | undefined,
  budget: DecodeBudget,
): string | undefined {
  const end = until ?? text.length;
  const length = end - start;
  if (length < MIN_ENCODED_RUN || length % 4 === 1) return undefined;
  let upper = false;
  let lower = false;
  let standard = false;
  let urlSafe = false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) upper = true;
    else if (code >= 0x61 && code <= 0x7a) lower = true;
    else if (code === 0x2b || code === 0x2f) standard = true;
    else if (code === 0x2d || code === 0x5f) urlSafe = true;
  }
  if (!upper || !lower || (standard && urlSafe)) return undefined;
  if (budget.attempts <= 0) return undefined;
  budget.attempts--;
  if (length > PROBE_LENGTH) {
    const probe = text.slice(start, start + PROBE_LENGTH);
    if (printableText(Buffer.from(probe, 'base64')) === undefined) return undefined;
  }
  // Decode no more than the character budget allows (3 bytes per 4 characters).
  const limit = Math.min(length, Math.floor((budget.chars * 4) / 3 / 4) * 4);
  if (limit < MIN_ENCODED_RUN) return undefined;
  return printableText(Buffer.from(text.slice(start, start + limit), 'base64'));
}

/**
 * The base64 runs in `text` that decode to text, skipping spans already
 * decoded (`taken`, e.g. by the hex decoder). A run glued to a path or a
 * key name ("/path/SGVsbG8…") is retried on its longest separator-free part.
 */
export function findBase64Runs(
  text: string,
  budget: DecodeBudget,
  taken: readonly DecodedRun[] = [],
): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const length = text.length;
  let index = 0;
  while (index < length && budget.runs > 0 && budget.attempts > 0) {
    // Shorter runs have no effect (too short to decode or to start a MIME
    // block): go straight to the next one long enough.
    const start = findLongRun(text, index, BASE64_CHARS, MIN_ENCODED_RUN);
    if (start < 0) break;
    index = endOfRun(text, start + MIN_ENCODED_RUN, BASE64_CHARS);
    // MIME wraps base64 in lines of one length (76, RFC 2045 §6.8; 64 in PEM):
    // join the following lines of that length and a last, shorter one.
    const lineLength = index - start;
    let wrapped = false;
    while (lineLength >= MIN_ENCODED_RUN && lineLength % 4 === 0) {
      const lineBreak = lineBreakAt(text, index);
      if (lineBreak === 0) break;
      const nextStart = index + lineBreak;
      let nextEnd = nextStart;
      while (nextEnd < length && isBase64Code(text.charCodeAt(nextEnd))) nextEnd++;
      const nextLength = nextEnd - nextStart;
      const full = nextLength === lineLength;
      const last =
        nextLength > 0 &&
        nextLength < lineLength &&
        nextLength % 4 !== 1 &&
        !text.startsWith('--', nextStart); // a MIME boundary, not base64
      if (!full && !last) break;
      index = nextEnd;
      wrapped = true;
      if (!full) break;
    }
    const end = index;
    let padded = end;
    while (padded < length && padded - end < 2 && text.charCodeAt(padded) === 0x3d) padded++;
    index = padded;
    if (end - start < MIN_ENCODED_RUN) continue;
    if (taken.some((run) => run.start < padded && start < run.end)) continue;
    let decoded = wrapped
      ? tryDecode(text.slice(start, end).replace(/\r?\n/g, ''), 0, undefined, budget)
      : tryDecode(text, start, end, budget);
    let runStart = start;
    let runEnd = padded;
    if (decoded === undefined && !wrapped) {
      // Longest part between separators ('/', '-', '_', '+').
      let bestStart = start;
      let bestEnd = start;
      let partStart = start;
      for (let at = start; at <= end; at++) {
        if (at === end || isSeparatorCode(text.charCodeAt(at))) {
          if (at - partStart > bestEnd - bestStart) {
            bestStart = partStart;
            bestEnd = at;
          }
          partStart = at + 1;
        }
      }
      if (bestStart !== start || bestEnd !== end) {
        decoded = tryDecode(text, bestStart, bestEnd, budget);
        runStart = bestStart;
        if (bestEnd !== end) runEnd = bestEnd;
      }
    }
    if (decoded === undefined) continue;
    budget.chars -= decoded.length;
    budget.runs--;
    runs.push({ encoding: 'base64', start: runStart, end: runEnd, text: decoded });
  }
  return runs;
}
