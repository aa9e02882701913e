/**
 * Folds words written with Latin look-alikes to Latin, in place: every word
 * whose non-ASCII letters are all known look-alikes ("іgnоrе" with Cyrillic
 * і, о, е; "рау" all Cyrillic; "ᴘᴀss" in small capitals), including words
 * that also hold precomposed Latin letters ("vосê" with Cyrillic о, с is
 * "você"; the "ê" stays). Words with any other non-ASCII letter (ordinary
 * Russian or Greek) are left alone. One
 * character in, one out, so offsets are unchanged.
 */
import { isAsciiLetter, isLetter, isMark } from './char-info.ts';
import { confusableScript, confusableTarget } from './confusables.ts';
import { isEnglishWord } from './english-words.ts';
import { latinBase } from './latin-letters.ts';
import type { MappedTextBuilder } from './mapped-text.ts';

/** What folding did. */
export interface ConfusableFold {
  /** Some word was folded. */
  readonly folded: boolean;
  /** Some folded word mixed ASCII letters with non-Latin look-alikes (`confusables-mixed-script`). */
  readonly mixedScript: boolean;
  /** Some word lost its diacritics (`diacritics`). */
  readonly diacritics: boolean;
}

/** Longest word checked against the English word list (no common word is longer). */
const MAX_ENGLISH_WORD = 32;

/** Letters and marks of the BMP (surrogate halves end a word: astral letters are rare after NFKC). */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return isAsciiLetter(code);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return isLetter(code) || isMark(code);
}

/**
 * Folds the look-alike words of the text in `builder` (see the module
 * comment). Precomposed Latin letters with diacritics are folded to their
 * ASCII letter when the word then reads as a common English word ("ïgnörë",
 * "äll", "іgnörе" with Cyrillic і, е): in every word that also holds a
 * look-alike, and, with `foldDiacritics` (the text has an attack word
 * written with diacritics, see `TextScan.diacriticWords`), in every word.
 */
export function foldConfusableWords(
  builder: MappedTextBuilder,
  foldDiacritics = false,
): ConfusableFold {
  let folded = false;
  let mixedScript = false;
  let diacritics = false;
  let previousHasAscii = false;
  let pendingLone = -1;
  const length = builder.length;
  // Read and written in place (folds are one unit for one, so nothing is appended meanwhile).
  const codes = builder.units;
  let index = 0;
  while (index < length) {
    const asciiEnd = asciiStretchEnd(codes, index, length);
    if (asciiEnd > index) {
      // Words of ASCII letters only fold nothing: the first one settles a pending
      // lone look-alike, and every one leaves `previousHasAscii` set.
      if (hasAsciiLetter(codes, index, asciiEnd)) {
        if (pendingLone >= 0) {
          foldWord(codes, pendingLone, pendingLone + 1);
          folded = true;
        }
        pendingLone = -1;
        previousHasAscii = true;
      }
      index = asciiEnd;
      continue;
    }
    if (!isWordUnit(codes[index] ?? 0)) {
      index++;
      continue;
    }
    let end = index;
    let asciiLetters = 0;
    let lookalikes = 0;
    let foreignLookalikes = 0;
    let others = 0;
    let accented = 0;
    for (; end < length; end++) {
      const unit = codes[end] ?? 0;
      if (!isWordUnit(unit)) break;
      if (unit < 0x80) {
        asciiLetters++;
      } else if (confusableTarget(unit) !== 0) {
        lookalikes++;
        if (confusableScript(unit) !== 'latin') foreignLookalikes++;
      } else if ((unit < 0x250 || (unit >= 0x1e00 && unit < 0x1f00)) && latinBase(unit) !== 0) {
        // Precomposed Latin letters ("vосê", "ѕеgurаnçа") are Latin: they do not block the fold.
        accented++;
      } else if (!isMark(unit)) {
        others++;
      }
    }
    if (
      accented > 0 &&
      others === 0 &&
      (foldDiacritics || lookalikes > 0) &&
      end - index <= MAX_ENGLISH_WORD &&
      isEnglishWord(skeletonOf(codes, index, end))
    ) {
      for (let at = index; at < end; at++) {
        const base = latinBase(codes[at] ?? 0);
        if (base !== 0) codes[at] = base;
      }
      diacritics = true;
    }
    // A lone Cyrillic or Greek letter ("а", "в", "о") is a word of its own language
    // (or one spelled out letter by letter): it folds only next to a word with ASCII letters.
    const lone = end - index === 1 && foreignLookalikes === 1;
    if (pendingLone >= 0 && asciiLetters > 0) {
      foldWord(codes, pendingLone, pendingLone + 1);
      folded = true;
    }
    pendingLone = -1;
    if (lone && !previousHasAscii) {
      pendingLone = index;
    } else if (lookalikes > 0 && others === 0) {
      foldWord(codes, index, end);
      folded = true;
      if (asciiLetters > 0 && foreignLookalikes > 0) mixedScript = true;
    }
    previousHasAscii = asciiLetters > 0 || (lone && pendingLone < 0);
    index = end;
  }
  return { folded, mixedScript, diacritics };
}

/**
 * The end of the ASCII stretch at `start`, short of the word that holds the
 * first non-ASCII unit after it (that word may mix scripts and takes the
 * slow path); `start` when there is no such stretch.
 */
function asciiStretchEnd(codes: Uint16Array, start: number, length: number): number {
  let end = start;
  while (end < length && (codes[end] ?? 0) < 0x80) end++;
  if (end < length && isWordUnit(codes[end] ?? 0)) {
    while (end > start && isAsciiLetter(codes[end - 1] ?? 0)) end--;
  }
  return end;
}

function hasAsciiLetter(codes: Uint16Array, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (isAsciiLetter(codes[at] ?? 0)) return true;
  return false;
}

/** Folds the look-alikes of `[start, end)` to their Latin letters. */
function foldWord(codes: Uint16Array, start: number, end: number): void {
  for (let at = start; at < end; at++) {
    const target = confusableTarget(codes[at] ?? 0);
    if (target !== 0) codes[at] = target;
  }
}

/** The word `[start, end)` in lower-case ASCII: look-alikes and accented letters folded, marks dropped. */
function skeletonOf(codes: Uint16Array, start: number, end: number): string {
  let word = '';
  for (let at = start; at < end; at++) {
    const unit = codes[at] ?? 0;
    const letter = unit < 0x80 ? unit : confusableTarget(unit) || latinBase(unit);
    if (letter !== 0) word += String.fromCharCode(letter | 0x20);
  }
  return word;
}
