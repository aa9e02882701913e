/**
 * The views of a subject, built once and shared by every detector that runs
 * on it (memoised for the last text), and the way back from a match in a
 * view to a span of the ORIGINAL text.
 */
import { buildViews, type View } from './views.ts';
import type { Span } from '../types.ts';

let lastText: string | undefined;
let lastViews: readonly View[] = [];

/**
 * The views of a text, memoised for the last text: the pipeline runs several
 * detectors on the same subject in a row, and building views (normalising,
 * decoding) costs more than most detectors, so it is done once per subject.
 */
export function viewsOf(text: string): readonly View[] {
  if (text !== lastText) {
    lastViews = buildViews(text);
    lastText = text;
  }
  return lastViews;
}

/**
 * The original span of `[start, end)` in `view`: identity for the original,
 * the encoded run for a decoded view (decoded characters do not map one to
 * one), the character map otherwise. Undefined when the view gives no way
 * back, so the caller reports a whole-text finding.
 */
export function toOriginalSpan(view: View, start: number, end: number): Span | undefined {
  if (view.origin !== undefined) return { start: view.origin.start, end: view.origin.end };
  if (view.name === 'original') return { start, end };
  const map = view.map;
  if (map === undefined) return undefined;
  const originalStart = map[start];
  const originalEnd = map[end];
  if (originalStart === undefined || originalEnd === undefined) return undefined;
  return { start: originalStart, end: Math.max(originalEnd, originalStart + 1) };
}

/** Whether the view holds decoded text (base64, hex, percent, rot13 …). */
export function isDecodedView(view: View): boolean {
  return view.name.startsWith('decoded:');
}

/**
 * The decoded views of a text, skipping the view build when the text has
 * no run that could decode to anything (see {@link mayHoldEncodedRun}):
 * ordinary prose rarely has one, which keeps the leak detectors cheap on it.
 */
export function decodedViewsOf(text: string): readonly View[] {
  if (text !== lastDecodedText) {
    lastDecoded = mayHoldEncodedRun(text) ? viewsOf(text).filter(isDecodedView) : [];
    lastDecodedText = text;
  }
  return lastDecoded;
}

let lastDecodedText: string | undefined;
let lastDecoded: readonly View[] = [];

/** Three percent-escapes in a row (`%6B%65%79`). */
const PERCENT_RUN = /%[0-9A-Fa-f]{2}%[0-9A-Fa-f]{2}%[0-9A-Fa-f]{2}/;
const MIN_RUN = 16;

/**
 * Whether the text has a run of 16+ base64 / hex characters (`/` and `-`
 * end a run: URL paths and hyphenated names are everywhere, and a long
 * base64 or base64url blob still has a 16-character stretch without them) that holds a digit and a letter,
 * or a quarter each of upper- and lower-case letters; or a run of
 * percent-escapes. Base64 of any text of 12+ bytes qualifies with high
 * probability, while words, paths and camelCase identifiers do not, and
 * only such runs decode to anything.
 */
export function mayHoldEncodedRun(text: string): boolean {
  let run = 0;
  let digits = 0;
  let upper = 0;
  let lower = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code >= 65 && code <= 90) upper++;
    else if (code >= 97 && code <= 122) lower++;
    else if (code !== 43 && code !== 61 && code !== 95) {
      run = digits = upper = lower = 0;
      continue;
    }
    run++;
    if (run >= MIN_RUN) {
      const letters = upper + lower;
      if ((digits > 0 && letters > 0) || (upper * 4 >= run && lower * 4 >= run)) return true;
    }
  }
  return text.includes('%') && PERCENT_RUN.test(text);
}
