/**
 * rot13 runs: lines that read as rot13 of English. A line qualifies when it
 * holds at least two distinct rot13 forms of very common words ("gur",
 * "naq", "lbh", "vtaber", "cerivbhf" …), three hits or one long one, and
 * more of those than ordinary English stopwords, so English text that
 * happens to contain "gur" gets no view. The run is trimmed to the sentences
 * holding the hits; rot13 keeps one character per character, so the view
 * has an offset map.
 */
import { isEnglishStopwordHash, rot13KeywordIndex, wordHashStep } from './common-words.ts';
import type { DecodeBudget, DecodedRun } from './encoded-run.ts';

/** A keyword this long counts as strong evidence on its own ("vtaber", "cerivbhf"). */
const LONG_KEYWORD = 5;

interface LineEvidence {
  distinct: number;
  hits: number;
  long: boolean;
  english: number;
  firstHit: number;
  lastHitEnd: number;
}

function isLetterCode(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isSentenceEnd(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3a || code === 0x3b;
}

function evidenceOf(text: string, start: number, end: number): LineEvidence {
  const evidence: LineEvidence = {
    distinct: 0,
    hits: 0,
    long: false,
    english: 0,
    firstHit: -1,
    lastHitEnd: -1,
  };
  let seen = 0;
  let index = start;
  while (index < end) {
    if (!isLetterCode(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const wordStart = index;
    let hash = 0;
    while (index < end && isLetterCode(text.charCodeAt(index))) {
      hash = wordHashStep(hash, text.charCodeAt(index));
      index++;
    }
    const keyword = rot13KeywordIndex(text, wordStart, index, hash);
    if (keyword >= 0) {
      evidence.hits++;
      if ((seen & (1 << keyword)) === 0) evidence.distinct++;
      seen |= 1 << keyword;
      if (index - wordStart >= LONG_KEYWORD) evidence.long = true;
      if (evidence.firstHit < 0) evidence.firstHit = wordStart;
      evidence.lastHitEnd = index;
    }
  }
  // Stopwords matter only to a line that has the keywords (most lines have none).
  if (evidence.distinct >= 2 && (evidence.hits >= 3 || evidence.long)) {
    evidence.english = countStopwords(text, start, end);
  }
  return evidence;
}

/** English stopwords in `text[start, end)` that are not rot13 keywords. */
function countStopwords(text: string, start: number, end: number): number {
  let english = 0;
  let index = start;
  while (index < end) {
    if (!isLetterCode(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const wordStart = index;
    let hash = 0;
    while (index < end && isLetterCode(text.charCodeAt(index))) {
      hash = wordHashStep(hash, text.charCodeAt(index));
      index++;
    }
    if (rot13KeywordIndex(text, wordStart, index, hash) < 0 && isEnglishStopwordHash(hash)) {
      english++;
    }
  }
  return english;
}

function qualifies(evidence: LineEvidence): boolean {
  return (
    evidence.distinct >= 2 &&
    (evidence.hits >= 3 || evidence.long) &&
    evidence.hits > evidence.english
  );
}

/** rot13 of ASCII letters; everything else unchanged. */
export function rot13(text: string): string {
  let output = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      const base = code & 0x20 ? 0x61 : 0x41;
      output += String.fromCharCode(((code - base + 13) % 26) + base);
    } else {
      output += text[index] ?? '';
    }
  }
  return output;
}

/** The rot13 runs in `text` (consecutive qualifying lines merge into one). */
export function findRot13Runs(text: string, budget: DecodeBudget): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const length = text.length;
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart < 0) return;
    const end = Math.min(runEnd, runStart + budget.chars);
    if (end > runStart && budget.runs > 0) {
      const decoded = rot13(text.slice(runStart, end));
      const map = new Int32Array(decoded.length + 1);
      for (let index = 0; index <= decoded.length; index++) map[index] = runStart + index;
      budget.chars -= decoded.length;
      budget.runs--;
      runs.push({ encoding: 'rot13', start: runStart, end, text: decoded, map });
    }
    runStart = runEnd = -1;
  };
  let lineStart = 0;
  while (lineStart < length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    const evidence = evidenceOf(text, lineStart, lineEnd);
    if (qualifies(evidence)) {
      let start = evidence.firstHit;
      while (start > lineStart && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
      while (start < evidence.firstHit && text.charCodeAt(start) === 0x20) start++;
      let end = evidence.lastHitEnd;
      while (end < lineEnd && !isSentenceEnd(text.charCodeAt(end))) end++;
      if (end < lineEnd) end++;
      if (runStart < 0) runStart = start;
      runEnd = end;
    } else {
      flush();
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return runs;
}
