/**
 * Per-character facts the normaliser needs on every non-ASCII character:
 * whether NFKC leaves it alone, whether it is a combining mark and whether
 * it is a letter. Asking `String.prototype.normalize` or a `\p{…}` regex per
 * character costs ~100 ns each, so the answers are computed once per
 * 256-character block on first use and kept in a 64 KiB table; astral
 * characters (rare outside emoji and mathematical letters) go to a small
 * bounded cache.
 */

import { invisibleKind } from './invisible-chars.ts';

const COMPUTED = 1;
/** NFKC maps the character, on its own, to itself. */
const NFKC_STABLE = 2;
/** General category M (Mn, Mc, Me): attaches to the character before it. */
const MARK = 4;
/** General category L. */
const LETTER = 8;
/** Stable under NFKC, not a mark, not invisible: copied as is (look-alikes are folded per word later). */
const PLAIN = 16;

const bmpFlags = new Uint8Array(0x10000);
const astralFlags = new Map<number, number>();
const ASTRAL_CACHE_LIMIT = 4096;

const MARK_PATTERN = /^\p{M}$/u;
const LETTER_PATTERN = /^\p{L}$/u;

function computeFlags(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  let flags = COMPUTED;
  if (character.normalize('NFKC') === character) flags |= NFKC_STABLE;
  if (MARK_PATTERN.test(character)) flags |= MARK;
  if (LETTER_PATTERN.test(character)) flags |= LETTER;
  // Hangul medial and final jamo compose with the syllable before them.
  if (codePoint >= 0x1160 && codePoint <= 0x11ff) flags |= MARK;
  if ((flags & (NFKC_STABLE | MARK)) === NFKC_STABLE && invisibleKind(codePoint) === undefined) {
    flags |= PLAIN;
  }
  return flags;
}

function fillBlock(block: number): void {
  const start = block << 8;
  for (let code = start; code < start + 256; code++) {
    // Lone surrogates are never characters; callers pass whole code points.
    bmpFlags[code] = code >= 0xd800 && code <= 0xdfff ? COMPUTED | NFKC_STABLE : computeFlags(code);
  }
}

function flagsOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    const flags = bmpFlags[codePoint] ?? 0;
    if (flags !== 0) return flags;
    fillBlock(codePoint >> 8);
    return bmpFlags[codePoint] ?? 0;
  }
  const cached = astralFlags.get(codePoint);
  if (cached !== undefined) return cached;
  const flags = computeFlags(codePoint);
  if (astralFlags.size >= ASTRAL_CACHE_LIMIT) astralFlags.clear();
  astralFlags.set(codePoint, flags);
  return flags;
}

/** Whether NFKC maps this code point, on its own, to itself. */
export function isNfkcStable(codePoint: number): boolean {
  if (codePoint < 0xa0) return true;
  return (flagsOf(codePoint) & NFKC_STABLE) !== 0;
}

/**
 * Whether a BMP code unit needs no work in the character pass: NFKC-stable
 * on its own, not a mark and not invisible (look-alikes included). Lone
 * surrogates answer false (the caller handles the pair).
 */
export function isPlainUnit(code: number): boolean {
  if (code < 0x80) return true;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return (flagsOf(code) & PLAIN) !== 0;
}

/** Whether the code point is a combining mark (or a Hangul medial/final jamo). */
export function isMark(codePoint: number): boolean {
  if (codePoint < 0x300) return false;
  return (flagsOf(codePoint) & MARK) !== 0;
}

/** Whether the code point is a letter (general category L). */
export function isLetter(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a;
  return (flagsOf(codePoint) & LETTER) !== 0;
}

/** Whether the code point is an ASCII letter. */
export function isAsciiLetter(codePoint: number): boolean {
  const lower = codePoint | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/**
 * Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo,
 * Samaritan, Mandaic and their presentation forms), where LRM/RLM/ALM marks
 * are ordinary typography.
 */
export function isRightToLeft(codePoint: number): boolean {
  return (
    (codePoint >= 0x0590 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb1d && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfefc)
  );
}

/**
 * Scripts whose orthography uses ZWNJ/ZWJ between letters (Persian, Arabic,
 * Urdu, the Indic scripts, Sinhala, Myanmar, Khmer, Mongolian …): from
 * Hebrew up to (not including) Latin Extended Additional, plus the Indic
 * supplement blocks and Arabic presentation forms. Latin, Greek, Cyrillic
 * and Armenian are below U+0590 and excluded.
 */
export function isJoiningScript(codePoint: number): boolean {
  return (
    (codePoint >= 0x0590 && codePoint <= 0x1cff) ||
    (codePoint >= 0xa800 && codePoint <= 0xabff) ||
    (codePoint >= 0xfb1d && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfefc) ||
    (codePoint >= 0x11000 && codePoint <= 0x11fff)
  );
}

/**
 * Pictographs that take part in emoji sequences (ZWJ sequences, VS16
 * presentation, keycaps): the emoji planes, dingbats and miscellaneous
 * symbols, arrows, skin-tone modifiers, regional indicators, and a few
 * symbols such as © ® ‼ ™.
 */
export function isEmojiLike(codePoint: number): boolean {
  return (
    codePoint >= 0x1f000 ||
    (codePoint >= 0x2190 && codePoint <= 0x2bff) ||
    codePoint === 0x203c ||
    codePoint === 0x2049 ||
    (codePoint >= 0x2100 && codePoint <= 0x214f) ||
    (codePoint >= 0x3030 && codePoint <= 0x303d) ||
    codePoint === 0x3297 ||
    codePoint === 0x3299 ||
    codePoint === 0xa9 ||
    codePoint === 0xae ||
    codePoint === 0x20e3 ||
    // Keycap bases: digits, '#', '*'.
    (codePoint >= 0x30 && codePoint <= 0x39) ||
    codePoint === 0x23 ||
    codePoint === 0x2a
  );
}
