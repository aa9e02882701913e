/**
 * Finds hidden or disguised text in one pass: Unicode tag characters (ASCII
 * smuggling), zero-width characters inside words or in long runs,
 * bidirectional controls (Trojan Source, CVE-2021-42574), runs of variation
 * selectors (byte smuggling) and words that mix Latin letters with Cyrillic,
 * Greek, Armenian or Cherokee look-alikes. Spans point into the text, so a
 * `redact` action strips exactly the hidden characters (or the disguised
 * word).
 *
 * Legitimate uses are not reported: ZWJ inside emoji sequences, ZWNJ/ZWJ in
 * scripts whose spelling uses them, a BOM at the very start, one variation
 * selector choosing emoji presentation or an ideographic variant,
 * subdivision flags (🏴 + tags), and LRM/RLM/ALM marks except inside a
 * left-to-right word.
 */
import {
  isAsciiLetter,
  isEmojiLike,
  isJoiningScript,
  isLetter,
  isMark,
  isRightToLeft,
} from '../../normalize/char-info.ts';
import { confusableScript } from '../../normalize/confusables.ts';
import {
  BLACK_FLAG,
  BOM,
  CANCEL_TAG,
  VS15,
  VS16,
  MONGOLIAN_VOWEL_SEPARATOR,
  ZWJ,
  ZWNJ,
  invisibleKind,
  type InvisibleKind,
} from '../../normalize/invisible-chars.ts';
import type { Finding } from '../../types.ts';

export const DETECTOR_ID = 'hidden-text';
const TYPE = 'hidden_text';

/** Findings per text; past it one whole-text finding says the text is saturated. */
export const MAX_FINDINGS = 100;
/** Zero-width characters in a row that are reported even between words. */
export const MIN_ZERO_WIDTH_RUN = 4;

const SOFT_HYPHEN = 0xad;

/** Scores: tags and bidi overrides are unambiguous; the rest have innocent look-alike causes. */
const SCORES = {
  tags: 1,
  bidiOverride: 1,
  bidiInRightToLeftText: 0.5,
  bidiMarkInWord: 0.6,
  zeroWidthInWord: 0.8,
  softHyphenInWord: 0.4,
  zeroWidthRun: 0.7,
  selectorRun: 0.9,
  straySelector: 0.3,
  mixedScript: 0.7,
} as const;

interface Scan {
  readonly text: string;
  readonly findings: Finding[];
  saturated: boolean;
  rightToLeft: boolean | undefined;
}

function report(
  scan: Scan,
  rule: string,
  score: number,
  reason: string,
  start: number,
  end: number,
): void {
  if (scan.saturated) return;
  if (scan.findings.length >= MAX_FINDINGS) {
    scan.saturated = true;
    scan.findings.push({
      detector: DETECTOR_ID,
      rule,
      type: TYPE,
      score,
      view: 'original',
      reason: `more than ${MAX_FINDINGS} hidden-text findings; the whole text is affected`,
    });
    return;
  }
  scan.findings.push({
    detector: DETECTOR_ID,
    rule,
    type: TYPE,
    score,
    view: 'original',
    reason,
    span: { start, end },
  });
}

function hasRightToLeftLetters(scan: Scan): boolean {
  if (scan.rightToLeft === undefined) {
    scan.rightToLeft = false;
    for (let index = 0; index < scan.text.length; index++) {
      if (isRightToLeft(scan.text.charCodeAt(index))) {
        scan.rightToLeft = true;
        break;
      }
    }
  }
  return scan.rightToLeft;
}

function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) ?? -1;
}

function widthOf(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The hidden-text findings of `text` (see the module comment). */
export function findHiddenText(text: string): Finding[] {
  const length = text.length;
  // Fast path: nothing at or above U+00AD, nothing to find.
  let first = 0;
  while (first < length && text.charCodeAt(first) < SOFT_HYPHEN) first++;
  if (first === length) return [];
  // Start at the word holding the first candidate, so a mixed-script word is seen whole.
  while (first > 0 && isAsciiLetter(text.charCodeAt(first - 1))) first--;

  const scan: Scan = { text, findings: [], saturated: false, rightToLeft: undefined };
  let previous = first > 0 ? codePointAt(text, first - 1) : -1;
  // The word being read: ASCII letters, non-Latin look-alikes, other non-ASCII letters.
  let wordStart = -1;
  let wordAscii = 0;
  let wordLookalikes = 0;
  let wordOthers = 0;
  const endWord = (end: number): void => {
    if (wordStart >= 0 && wordAscii > 0 && wordLookalikes > 0 && wordOthers === 0) {
      report(
        scan,
        'confusables-mixed-script',
        SCORES.mixedScript,
        'a word mixes Latin letters with look-alike letters from another script',
        wordStart,
        end,
      );
    }
    wordStart = -1;
    wordAscii = wordLookalikes = wordOthers = 0;
  };

  let index = first;
  while (index < length && !scan.saturated) {
    const code = text.charCodeAt(index);
    if (code < SOFT_HYPHEN && wordLookalikes === 0 && wordOthers === 0) {
      // Below U+00AD in a word of ASCII letters only (or none), nothing can
      // be reported: skip to the next candidate, keeping the word in progress.
      let next = index + 1;
      while (next < length && text.charCodeAt(next) < SOFT_HYPHEN) next++;
      let start = next;
      while (start > index && isAsciiLetter(text.charCodeAt(start - 1))) start--;
      if (start > index) {
        // A non-letter ended the word; a new one may start after it.
        wordStart = start < next ? start : -1;
        wordAscii = start < next ? 1 : 0;
      } else {
        if (wordStart < 0) wordStart = index;
        wordAscii++;
      }
      previous = text.charCodeAt(next - 1);
      index = next;
      continue;
    }
    if (code < SOFT_HYPHEN) {
      if (isAsciiLetter(code)) {
        if (wordStart < 0) wordStart = index;
        wordAscii++;
      } else {
        endWord(index);
      }
      previous = code;
      index++;
      continue;
    }
    const codePoint = codePointAt(text, index);
    const width = widthOf(codePoint);
    const kind = invisibleKind(codePoint);
    if (kind === undefined) {
      if (isLetter(codePoint) || isMark(codePoint)) {
        if (wordStart < 0) wordStart = index;
        const script = confusableScript(codePoint);
        if (script !== undefined && script !== 'latin') wordLookalikes++;
        else if (script === undefined && !isMark(codePoint)) wordOthers++;
      } else {
        endWord(index);
      }
      previous = codePoint;
      index += width;
      continue;
    }
    // A run of invisible characters of one kind; they do not end the word.
    let end = index + width;
    let count = 1;
    let onlySoftHyphens = codePoint === SOFT_HYPHEN;
    while (end < length) {
      const next = codePointAt(text, end);
      if (invisibleKind(next) !== kind) break;
      if (next !== SOFT_HYPHEN) onlySoftHyphens = false;
      end += widthOf(next);
      count++;
    }
    const after = codePointAt(text, end);
    inspectRun(scan, kind, index, end, count, codePoint, previous, after, onlySoftHyphens);
    index = end;
  }
  endWord(index);
  return scan.findings;
}

function inspectRun(
  scan: Scan,
  kind: InvisibleKind,
  start: number,
  end: number,
  count: number,
  first: number,
  previous: number,
  after: number,
  onlySoftHyphens: boolean,
): void {
  const text = scan.text;
  const betweenLetters = previous >= 0 && after >= 0 && isLetter(previous) && isLetter(after);
  switch (kind) {
    case 'tag': {
      const flag =
        previous === BLACK_FLAG &&
        count >= 3 &&
        count <= 8 &&
        codePointAt(text, end - 2) === CANCEL_TAG;
      if (flag) return;
      report(
        scan,
        'tag-characters',
        SCORES.tags,
        `${plural(count, 'invisible Unicode tag character')} (they can encode hidden ASCII text)`,
        start,
        end,
      );
      return;
    }
    case 'zero-width': {
      if (first === BOM && start === 0 && count === 1) return;
      if (
        count === 1 &&
        first === ZWJ &&
        previous >= 0x2000 &&
        isEmojiLike(previous) &&
        isEmojiLike(after)
      ) {
        return;
      }
      const joiners =
        count === 1 && (first === ZWJ || first === ZWNJ || first === MONGOLIAN_VOWEL_SEPARATOR);
      if (
        joiners &&
        isJoiningScript(previous) &&
        (after < 0 || isJoiningScript(after) || !isLetter(after))
      ) {
        return;
      }
      if (betweenLetters) {
        report(
          scan,
          'zero-width-in-word',
          onlySoftHyphens ? SCORES.softHyphenInWord : SCORES.zeroWidthInWord,
          `${plural(count, 'invisible zero-width character')} inside a word`,
          start,
          end,
        );
      } else if (count >= MIN_ZERO_WIDTH_RUN && !onlySoftHyphens) {
        report(
          scan,
          'zero-width-run',
          SCORES.zeroWidthRun,
          `a run of ${plural(count, 'invisible zero-width character')} (they can encode hidden data)`,
          start,
          end,
        );
      }
      return;
    }
    case 'bidi-control': {
      let override = false;
      for (let at = start; at < end; at++) {
        const code = text.charCodeAt(at);
        if (code === 0x202d || code === 0x202e) override = true;
      }
      const score =
        override || !hasRightToLeftLetters(scan)
          ? SCORES.bidiOverride
          : SCORES.bidiInRightToLeftText;
      report(
        scan,
        'bidi-control',
        score,
        `${plural(count, 'bidirectional control character')} (they can reorder how text is displayed)`,
        start,
        end,
      );
      return;
    }
    case 'bidi-mark': {
      if (betweenLetters && !isRightToLeft(previous) && !isRightToLeft(after)) {
        report(
          scan,
          'bidi-control',
          SCORES.bidiMarkInWord,
          `${plural(count, 'directional mark')} inside a left-to-right word`,
          start,
          end,
        );
      }
      return;
    }
    case 'variation-selector': {
      if (count >= 2) {
        report(
          scan,
          'variation-selector-run',
          SCORES.selectorRun,
          `${count} variation selectors in a row (they can encode hidden bytes)`,
          start,
          end,
        );
        return;
      }
      const presentation = first === VS15 || first === VS16;
      const legitimate =
        previous >= 0 &&
        ((presentation && isEmojiLike(previous)) || (previous >= 0x80 && !presentation));
      if (!legitimate) {
        report(
          scan,
          'variation-selector-run',
          SCORES.straySelector,
          'a variation selector after a character it cannot vary',
          start,
          end,
        );
      }
      return;
    }
  }
}
