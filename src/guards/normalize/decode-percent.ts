/**
 * Percent-encoded runs (RFC 3986 §2.1): a whitespace-free run holding at
 * least {@link MIN_ESCAPES} `%XX` escapes, decoded as UTF-8 and kept when it
 * reads as text. A URL with one or two escapes ("hello%20world") is not
 * worth a view.
 */
import { Buffer } from 'node:buffer';
import type { DecodeBudget, DecodedRun } from './encoded-run.ts';
import { printableText } from './printable-text.ts';

/** Escapes a run needs before it is decoded. */
export const MIN_ESCAPES = 3;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function isRunCode(code: number): boolean {
  // Printable ASCII except space and quotes/brackets that usually delimit a URL in prose.
  return (
    code > 0x20 && code < 0x7f && code !== 0x22 && code !== 0x27 && code !== 0x3c && code !== 0x3e
  );
}

function isEscape(text: string, index: number): boolean {
  return (
    text.charCodeAt(index) === 0x25 &&
    hexValue(text.charCodeAt(index + 1)) >= 0 &&
    hexValue(text.charCodeAt(index + 2)) >= 0
  );
}

/** The percent-encoded runs in `text` that decode to text. */
export function findPercentRuns(text: string, budget: DecodeBudget): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const length = text.length;
  let index = 0;
  while (index < length && budget.runs > 0 && budget.attempts > 0) {
    // Only a run holding a '%' can hold an escape: jump to the next one and
    // widen it to its run (`index` is never inside a run, so the run starts there or later).
    const percent = text.indexOf('%', index);
    if (percent < 0) break;
    let start = percent;
    while (start > index && isRunCode(text.charCodeAt(start - 1))) start--;
    index = start;
    let escapes = 0;
    while (index < length && isRunCode(text.charCodeAt(index))) {
      if (isEscape(text, index)) escapes++;
      index++;
    }
    if (escapes < MIN_ESCAPES) continue;
    budget.attempts--;
    const end = Math.min(index, start + budget.chars * 3);
    const bytes: number[] = [];
    for (let at = start; at < end; at++) {
      if (isEscape(text, at)) {
        bytes.push(hexValue(text.charCodeAt(at + 1)) * 16 + hexValue(text.charCodeAt(at + 2)));
        at += 2;
      } else {
        bytes.push(text.charCodeAt(at));
      }
    }
    const decoded = printableText(Buffer.from(bytes));
    if (decoded === undefined) continue;
    budget.chars -= decoded.length;
    budget.runs--;
    runs.push({ encoding: 'percent', start, end: index, text: decoded });
  }
  return runs;
}
