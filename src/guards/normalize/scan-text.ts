/**
 * The one pass over a text's char codes that decides which transforms can
 * apply at all, so plain English text (the common case) costs a single
 * linear scan and gets no views besides the original.
 */
import { isPlainUnit } from './char-info.ts';
import { rot13KeywordIndex, wordHashStep } from './common-words.ts';
import { confusableTarget } from './confusables.ts';
import { isDiacriticTriggerHash } from './english-words.ts';
import { latinBase } from './latin-letters.ts';

/** What the scan found; every flag is a cheap over-approximation checked again by the transform. */
export interface TextScan {
  /**
   * Some code unit ≥ U+0080 needs the character pass: NFKC changes it, it
   * is a mark, invisible, half of a surrogate pair or a known look-alike.
   * Typographic punctuation such as "—" or "→" does not, so English prose
   * with a dash costs no more than plain ASCII.
   */
  readonly nonAscii: boolean;
  /** Four or more single-letter words in a row with short gaps ("i g n o r e"). */
  readonly spacedLetters: boolean;
  /** A word mixing letters with leet digits or symbols ("1gn0r3", "p@ss"). */
  readonly leet: boolean;
  /** A run of 16+ base64-alphabet characters (hex digits are a subset). */
  readonly encodedRun: boolean;
  /** {@link MIN_BYTE_LIST} or more hex bytes in a row written one by one ("49 67 6e", "\x49\x67", "0x49, 0x67"). */
  readonly byteList: boolean;
  /** How many '%' characters (candidate percent escapes). */
  readonly percentSigns: number;
  /** Bit set of the distinct rot13 keywords seen ("gur", "naq", …). */
  readonly rot13Keywords: number;
  /**
   * A word of Latin letters with diacritics that reads, without them, as an
   * attack word ("ïgnörë", "prömpt"): see {@link isDiacriticTriggerHash}.
   */
  readonly diacriticWords: boolean;
}

/** Shortest word whose diacritics mark obfuscation (see {@link TextScan.diacriticWords}). */
export const MIN_DIACRITIC_WORD = 4;

const LETTER = 1;
const DIGIT = 2;
const LEET_DIGIT = 4;
const LEET_SYMBOL = 8;
const BASE64 = 16;
const WORD = LETTER | DIGIT | LEET_SYMBOL;

const CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code);
  let classes = 0;
  if (/[A-Za-z]/.test(character)) classes |= LETTER | BASE64;
  if (/[0-9]/.test(character)) classes |= DIGIT | BASE64;
  if (/[01345789]/.test(character)) classes |= LEET_DIGIT;
  if (/[@$|!]/.test(character)) classes |= LEET_SYMBOL;
  if (/[+/=_-]/.test(character)) classes |= BASE64;
  CLASSES[code] = classes;
}

/** Minimum length of a run that might be base64 or hex. */
export const MIN_ENCODED_RUN = 16;
/**
 * A leet word has at least this many characters and ASCII letters, so
 * "Q3", "4K", "5G" and "3D" are not read as leetspeak ("4ll", "s3x" are).
 */
export const MIN_LEET_WORD = 3;
export const MIN_LEET_LETTERS = 2;
/** Minimum number of hex bytes written one by one that make a byte list. */
export const MIN_BYTE_LIST = 8;
/** Minimum number of single letters in a row that count as spaced-out text. */
export const MIN_SPACED_LETTERS = 4;

/**
 * Scans `text[start, end)` as if it were a text of its own (the end reads
 * as a space). Equal to the part of `scanText(text)` found in that range
 * when the scan's state is fresh at `start` and `end` (see
 * `rescan-edited.ts`).
 */
export function scanRange(text: string, start: number, end: number): TextScan {
  return scanText(text.slice(start, end));
}

/** The character classes of code unit `code` as the scan sees them (exported for `rescan-edited.ts`). */
export function scanClasses(code: number): number {
  return code < 0x80 ? (CLASSES[code] ?? 0) : LETTER;
}

/** Classes of the characters that words are made of and that base64 runs are made of. */
export const WORD_CLASSES = WORD;
export const BASE64_CLASS = BASE64;
export const LETTER_CLASS = LETTER;

/** Scans `text` once; see {@link TextScan}. */
export function scanText(text: string): TextScan {
  // Bounded by the text's own length, so reads need no bounds check.
  const length = text.length;
  let nonAscii = false;
  let spacedLetters = false;
  let leet = false;
  let encodedRun = false;
  let percentSigns = 0;
  let rot13Keywords = 0;
  let byteList = false;
  let diacriticWords = false;
  let bytes = 0;
  let diacritics = 0;

  let encodedLength = 0;
  let tokenStart = -1;
  let letters = 0;
  let wide = 0;
  let leetDigits = 0;
  let otherDigits = 0;
  let symbols = 0;
  let firstIsSymbol = false;
  let lastIsSymbol = false;
  let hash = 0;
  let singles = 0;
  let lastSingleEnd = -10;

  for (let index = 0; index <= length; index++) {
    const code = index < length ? text.charCodeAt(index) : 0x20;
    let classes: number;
    if (code < 0x80) {
      classes = CLASSES[code] ?? 0;
    } else {
      if (!nonAscii && (!isPlainUnit(code) || confusableTarget(code) !== 0)) nonAscii = true;
      classes = LETTER;
    }
    if ((classes & BASE64) !== 0) {
      if (++encodedLength >= MIN_ENCODED_RUN) encodedRun = true;
    } else {
      encodedLength = 0;
      if (code === 0x25) percentSigns++;
    }
    if ((classes & WORD) !== 0) {
      if (tokenStart < 0) {
        tokenStart = index;
        letters = wide = leetDigits = otherDigits = symbols = diacritics = 0;
        hash = 0;
        firstIsSymbol = (classes & LEET_SYMBOL) !== 0;
      }
      if ((classes & LETTER) !== 0) {
        if (code < 0x80) {
          letters++;
          hash = wordHashStep(hash, code);
        } else {
          wide++;
          // Only the Latin blocks hold accented letters (see latinBase).
          const base = code < 0x250 || (code >= 0x1e00 && code < 0x1f00) ? latinBase(code) : 0;
          if (base !== 0) {
            diacritics++;
            hash = wordHashStep(hash, base);
          }
        }
      } else if ((classes & DIGIT) !== 0) {
        if ((classes & LEET_DIGIT) !== 0) leetDigits++;
        else otherDigits++;
      } else {
        symbols++;
      }
      lastIsSymbol = (classes & LEET_SYMBOL) !== 0;
      continue;
    }
    if (tokenStart < 0) continue;
    // A word ended at `index`.
    const tokenLength = index - tokenStart;
    const allLetters = letters + wide;
    // Leet needs ASCII letters: a keycap ("1\uFE0F\u20E3") or "2ème" is not leetspeak.
    if (letters >= MIN_LEET_LETTERS && tokenLength >= MIN_LEET_WORD) {
      if (leetDigits > 0 && otherDigits === 0) leet = true;
      const interiorSymbols = symbols - (firstIsSymbol ? 1 : 0) - (lastIsSymbol ? 1 : 0);
      if (interiorSymbols > 0) leet = true;
    }
    if (tokenLength === 1 && allLetters === 1) {
      singles = tokenStart - lastSingleEnd <= 4 ? singles + 1 : 1;
      lastSingleEnd = index;
      if (singles >= MIN_SPACED_LETTERS) spacedLetters = true;
    } else {
      singles = 0;
    }
    if (tokenLength >= 2 && tokenLength <= 4 && isByteToken(text, tokenStart, tokenLength)) {
      if (++bytes >= MIN_BYTE_LIST) byteList = true;
    } else {
      bytes = 0;
    }
    if (
      diacritics > 0 &&
      letters + diacritics === tokenLength &&
      tokenLength >= MIN_DIACRITIC_WORD &&
      isDiacriticTriggerHash(hash)
    ) {
      diacriticWords = true;
    }
    if (letters === tokenLength && tokenLength >= 2 && tokenLength <= 12) {
      const keyword = rot13KeywordIndex(text, tokenStart, index, hash);
      if (keyword >= 0) rot13Keywords |= 1 << keyword;
    }
    tokenStart = -1;
  }
  return {
    nonAscii,
    spacedLetters,
    leet,
    encodedRun,
    byteList,
    percentSigns,
    rot13Keywords,
    diacriticWords,
  };
}

function isHexCode(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

/** "49", "x49" (from "\x49") or "0x49". */
export function isByteToken(text: string, start: number, length: number): boolean {
  const last = start + length;
  if (!isHexCode(text.charCodeAt(last - 1)) || !isHexCode(text.charCodeAt(last - 2))) return false;
  if (length === 2) return true;
  if ((text.charCodeAt(last - 3) | 0x20) !== 0x78) return false;
  return length === 3 || text.charCodeAt(start) === 0x30;
}

/** The number of bits set in `bits` (distinct rot13 keywords). */
export function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
