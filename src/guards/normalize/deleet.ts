/**
 * De-leet: reads digits and symbols used as letters ("1gn0r3 4ll" → "ignore
 * all", "p@$$w0rd" → "password"). One character in, one out: the offset map
 * of the input carries over unchanged.
 *
 * A word that mixes at least two ASCII letters with leet characters is
 * read, unless it has the shape of a technical token and does not read as
 * a common English word ({@link isTechnicalToken}: hex strings, "sqlite3",
 * "rot13", "IPv4", "utf8", "10ms", "v1beta1", "admin@example"), so ordinary
 * technical prose gets no view. A word with a digit that has no letter
 * reading (2, 6) is left alone ("sha256", "x86_64"), and symbols count only
 * inside a word, so "Hello!", "NOW!!!" and "@name" keep theirs.
 *
 * Shorter words and technical-looking ones are ambiguous on their own ("7h3",
 * "4", "70", "15" are also codes and numbers), so they are read only when the text is written in
 * leetspeak throughout: at least {@link MIN_DENSE_WORDS} leet words making
 * up half of its words, {@link MIN_DENSE_LONG_WORDS} of them long enough to
 * be read on their own. Then every word with a letter and a leet character
 * is read ("7h3" → "the", "5u4" → "sua"), and a token of leet
 * digits alone is read when it is a common English word ("70" → "to", "15"
 * → "is"), a single vowel ("4" → "a", "1" → "i") or a contraction ending
 * after an apostrophe ("can'7"). Which letter a "1" stands for (i or l) is
 * chosen so the word is a common English word when one reading is.
 */

import { isEnglishWord } from './english-words.ts';
import { codeUnitsOf, stringOf } from './mapped-text.ts';
import { MIN_LEET_LETTERS, MIN_LEET_WORD } from './scan-text.ts';

/** The letter each leet character reads as ('1' is decided by the word). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

const LEET_TABLE = new Uint8Array(128);
for (const [from, to] of Object.entries(LEET)) LEET_TABLE[from.charCodeAt(0)] = to.charCodeAt(0);

/**
 * Leet words (half of all words at least), and among them words read on
 * their own, that make a text leetspeak throughout ("Q3 results in 4K and
 * 5G" or "the mp3 and md5 in s3" are not).
 */
export const MIN_DENSE_WORDS = 3;
export const MIN_DENSE_LONG_WORDS = 2;
/** Short words remembered for the dense reading; past this many they stay as they are. */
const MAX_SHORT_WORDS = 8192;
/** A word with more '1's than this takes the neighbour rule instead of trying every reading. */
const MAX_AMBIGUOUS_ONES = 3;
/** Longer tokens are not looked up in the dictionary (no English word is this long). */
const MAX_DICTIONARY_WORD = 32;

/** Per code unit: part of a token, and a digit or symbol (which can make it a leet word). */
const TOKEN = 1;
const LEET_OR_DIGIT = 2;
const TOKEN_UNITS = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  if (code >= 0x80 || isAsciiLetterCode(code)) TOKEN_UNITS[code] = TOKEN;
  else if (isDigitCode(code) || isSymbolCode(code)) TOKEN_UNITS[code] = TOKEN | LEET_OR_DIGIT;
}

const CONTRACTION_ENDINGS: ReadonlySet<string> = new Set(['s', 't', 'd', 'm', 'll', 're', 've']);
const SINGLE_VOWELS: ReadonlySet<string> = new Set(['a', 'e', 'i', 'o']);

const ONE = 0x31;
const LOWER_I = 0x69;
const LOWER_L = 0x6c;

function isAsciiLetterCode(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSymbolCode(code: number): boolean {
  return code === 0x40 || code === 0x24 || code === 0x7c || code === 0x21;
}

function isTokenCode(code: number): boolean {
  return isAsciiLetterCode(code) || isDigitCode(code) || isSymbolCode(code) || code >= 0x80;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

/** What one word holds, between its leading and trailing symbols. */
interface Word {
  /** The word without leading and trailing symbols ("NOW" in "NOW!!!"). */
  readonly start: number;
  readonly end: number;
  readonly letters: number;
  /** Non-ASCII characters (letters of other scripts, "í" in "p4í5"). */
  readonly wide: number;
  readonly leet: number;
  /** A digit without a letter reading (2, 6). */
  readonly blocked: boolean;
}

/** The word of `[start, end)`, symbols at either end left out. */
function measureWord(text: string, start: number, end: number): Word {
  let coreStart = start;
  let coreEnd = end;
  while (coreStart < coreEnd && isSymbolCode(text.charCodeAt(coreStart))) coreStart++;
  while (coreEnd > coreStart && isSymbolCode(text.charCodeAt(coreEnd - 1))) coreEnd--;
  let letters = 0;
  let wide = 0;
  let leet = 0;
  let blocked = false;
  for (let at = coreStart; at < coreEnd; at++) {
    const code = text.charCodeAt(at);
    if (isAsciiLetterCode(code)) letters++;
    else if (code >= 0x80) wide++;
    else if ((LEET_TABLE[code] ?? 0) !== 0) leet++;
    else blocked = true;
  }
  return { start: coreStart, end: coreEnd, letters, wide, leet, blocked };
}

/** `text` with leet words read as letters, or undefined when no word changed. */
export function deleet(text: string): string | undefined {
  return readLeetspeak(text)?.text;
}

export interface LeetReading {
  readonly text: string;
  /**
   * The text is leetspeak throughout (at least half its words, and enough
   * long ones): written to be unreadable to filters, not a code or a
   * version number here and there.
   */
  readonly dense: boolean;
}

/** {@link deleet}, saying also whether the text is leetspeak throughout. */
export function readLeetspeak(text: string): LeetReading | undefined {
  const length = text.length;
  // Written in place into a copy of the code units, made on the first change.
  let codes: Uint16Array | undefined;
  let words = 0;
  let leetWords = 0;
  let longLeetWords = 0;
  const shortWords: number[] = [];
  const technicalWords: number[] = [];
  let index = 0;
  while (index < length) {
    if (((TOKEN_UNITS[text.charCodeAt(index)] ?? 0) & TOKEN) === 0) {
      index++;
      continue;
    }
    let tokenStart = index;
    // Digits and symbols seen (any bit of LEET_OR_DIGIT): a word without them reads as it is.
    let kinds = 0;
    for (let unit = TOKEN_UNITS[text.charCodeAt(index)] ?? 0; (unit & TOKEN) !== 0;) {
      kinds |= unit;
      index++;
      unit = index < length ? (TOKEN_UNITS[text.charCodeAt(index)] ?? 0) : 0;
    }
    if ((kinds & LEET_OR_DIGIT) === 0) {
      words++;
      continue;
    }
    // A percent escape is not part of the word after it ("%20g035" is "%20" and "goes").
    if (isPercentEscape(text, tokenStart) && index - tokenStart > 2) tokenStart += 2;
    const word = measureWord(text, tokenStart, index);
    if (word.start === word.end) continue;
    words++;
    if (word.leet === 0 || word.blocked) continue;
    const hasLetters = word.letters + word.wide > 0;
    if (hasLetters) leetWords++;
    if (word.letters >= MIN_LEET_LETTERS && word.end - word.start >= MIN_LEET_WORD) {
      longLeetWords++;
      if (isTechnicalToken(text, word.start, word.end)) {
        // Read only in a leetspeak text (where it counts as leet all the same).
        technicalWords.push(word.start, word.end, word.letters);
      } else {
        codes ??= codeUnitsOf(text);
        readWord(text, codes, word.start, word.end, word.letters);
      }
    } else if (shortWords.length < 2 * MAX_SHORT_WORDS) {
      shortWords.push(word.start, word.end);
    }
  }
  const dense =
    longLeetWords >= MIN_DENSE_LONG_WORDS && leetWords >= MIN_DENSE_WORDS && leetWords * 2 >= words;
  if (dense) {
    for (let at = 0; at < technicalWords.length; at += 3) {
      codes ??= codeUnitsOf(text);
      const start = technicalWords[at] ?? 0;
      readWord(text, codes, start, technicalWords[at + 1] ?? start, technicalWords[at + 2] ?? 0);
    }
    for (let at = 0; at < shortWords.length; at += 2) {
      const start = shortWords[at] ?? 0;
      const end = shortWords[at + 1] ?? 0;
      if (!isDenseReading(text, start, end)) continue;
      codes ??= codeUnitsOf(text);
      readWord(text, codes, start, end, countLetters(text, start, end));
    }
  }
  return codes === undefined ? undefined : { text: stringOf(codes, length), dense };
}

/**
 * Whether the word `[start, end)` (leading and trailing symbols left out)
 * has the shape of a technical token rather than of leetspeak, and its
 * reading is not a common English word: such a word is ambiguous like a
 * short one and is read only in a text that is leetspeak throughout. The
 * shapes are
 * - hex digits only ("a3f9b0c1", "00AD" in "U+00AD"), or an escape: `u`,
 *   `x` or `0x` then hex digits ("ud83d" in "\ud83d", "0x7f");
 * - letter case that is neither lower, upper nor capitalised ("IPv4",
 *   "Uint8Array", "SigV4");
 * - leet characters in one group at the start or the end: numbers with a
 *   name or a unit ("sqlite3", "rot13", "api03", "int8", "utf8", "md5",
 *   "1st", "10ms", "4GB");
 * - one letter, digits, then letters: numeronyms ("k8s", "i18n", "s390x"),
 *   and API versions ("v1beta1");
 * - runs of two letters or more joined by single symbols: addresses and
 *   alternatives ("admin@example", "string|null", "keys|models|audit").
 * Leetspeak such as "4ll", "th3", "wi11", "p@ss" or "k1ll" has these shapes
 * too, and is read because it reads as English. A technical-looking word
 * still counts as a leet word when deciding whether a text is leetspeak
 * throughout, so such texts read exactly as before.
 */
export function isTechnicalToken(text: string, start: number, end: number): boolean {
  if (!hasTechnicalShape(text, start, end)) return false;
  return end - start > MAX_DICTIONARY_WORD || !isEnglishWord(bestReading(text, start, end));
}

/** The shapes of {@link isTechnicalToken}, without the dictionary check. */
function hasTechnicalShape(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  let hex = true;
  let lower = 0;
  let upper = 0;
  let lowerBeforeUpper = false;
  let groups = 0;
  let inGroup = false;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (!isHexCode(code) && !isEscapePrefix(text, start, at)) hex = false;
    if (code >= 0x61 && code <= 0x7a) {
      lower++;
    } else if (code >= 0x41 && code <= 0x5a) {
      if (lower > 0) lowerBeforeUpper = true;
      upper++;
    }
    const leet = !isAsciiLetterCode(code) && code < 0x80;
    if (leet && !inGroup) groups++;
    inGroup = leet;
  }
  if (hex) return true;
  // Lower-case letters after an upper-case one are fine only as "Capitalised" (one upper first).
  const capitalised = upper === 1 && first >= 0x41 && first <= 0x5a;
  if (lowerBeforeUpper || (upper > 0 && lower > 0 && !capitalised)) return true;
  const leetFirst = !isAsciiLetterCode(first) && first < 0x80;
  const leetLast = inGroup;
  if (groups === 1 && (leetFirst || leetLast)) return true;
  if (isNumeronym(text, start, end, groups, leetLast)) return true;
  return isSymbolJoin(text, start, end);
}

/**
 * One letter, digits, then letters: numeronyms ("k8s", "i18n", "s390x");
 * after a `v`, one more digit group may end the word (API versions such as
 * "v1beta1").
 */
function isNumeronym(
  text: string,
  start: number,
  end: number,
  groups: number,
  leetLast: boolean,
): boolean {
  if (!isAsciiLetterCode(text.charCodeAt(start)) || !isDigitCode(text.charCodeAt(start + 1))) {
    return false;
  }
  for (let at = start + 1; at < end; at++) {
    const code = text.charCodeAt(at);
    if (!isDigitCode(code) && !isAsciiLetterCode(code)) return false;
  }
  if (groups === 1) return true;
  return groups === 2 && leetLast && (text.charCodeAt(start) | 0x20) === 0x76;
}

/** Whether `text[at]` is the `u` or `x` of an escape at `start` ("u00ad", "x41", "0x7f"). */
function isEscapePrefix(text: string, start: number, at: number): boolean {
  const lower = text.charCodeAt(at) | 0x20;
  if (lower !== 0x75 && lower !== 0x78) return false;
  return at === start || (at === start + 1 && text.charCodeAt(start) === 0x30);
}

/** Whether the word is runs of two ASCII letters or more joined by single leet symbols. */
function isSymbolJoin(text: string, start: number, end: number): boolean {
  let runStart = start;
  let joins = 0;
  for (let at = start; at <= end; at++) {
    const code = at < end ? text.charCodeAt(at) : 0x40;
    if (isSymbolCode(code)) {
      if (at - runStart < 2) return false;
      runStart = at + 1;
      joins++;
    } else if (!isAsciiLetterCode(code)) {
      return false;
    }
  }
  return joins >= 2;
}

function countLetters(text: string, start: number, end: number): number {
  let letters = 0;
  for (let at = start; at < end; at++) if (isAsciiLetterCode(text.charCodeAt(at))) letters++;
  return letters;
}

/**
 * Whether a short word of a leetspeak text is read: any word with a letter
 * ("7h3"); leet digits alone when they read as a common English word, a
 * single vowel, or a contraction ending right after an apostrophe, and are
 * not part of a number, version or code ("1.1", "GPT-4").
 */
function isDenseReading(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (isAsciiLetterCode(code) || code >= 0x80) return true;
  }
  const before = start > 0 ? text.charCodeAt(start - 1) : 0x20;
  const after = end < text.length ? text.charCodeAt(end) : 0x20;
  const reading = bestReading(text, start, end);
  // After a dot that ends a word a common word is a domain label ("p0ll1n4710n5.41"), not a decimal.
  const domainLabel = before === 0x2e && reading.length >= 2 && hasLetterBefore(text, start - 1);
  if (!domainLabel && (isNumberJoiner(before) || isNumberJoiner(after))) return false;
  if (start > 1 && isApostrophe(before) && isTokenCode(text.charCodeAt(start - 2))) {
    return CONTRACTION_ENDINGS.has(reading);
  }
  return reading.length === 1 ? SINGLE_VOWELS.has(reading) : isEnglishWord(reading);
}

/** Whether the word ending at `end` (exclusive) has an ASCII letter. */
function hasLetterBefore(text: string, end: number): boolean {
  for (let at = end - 1; at >= 0 && isTokenCode(text.charCodeAt(at)); at--) {
    if (isAsciiLetterCode(text.charCodeAt(at))) return true;
  }
  return false;
}

function isHexCode(code: number): boolean {
  const lower = code | 0x20;
  return isDigitCode(code) || (lower >= 0x61 && lower <= 0x66);
}

/** Whether `text[start - 1, start + 2)` is a percent escape ("%20"). */
function isPercentEscape(text: string, start: number): boolean {
  return (
    start > 0 &&
    text.charCodeAt(start - 1) === 0x25 &&
    isHexCode(text.charCodeAt(start)) &&
    isHexCode(text.charCodeAt(start + 1))
  );
}

/** Characters that join digits into numbers, versions and codes ("1.1", "4-5", "10:30", "v1/2"). */
function isNumberJoiner(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x2c ||
    code === 0x2d ||
    code === 0x2f ||
    code === 0x3a ||
    code === 0x2b ||
    code === 0x23 ||
    code === 0x25
  );
}

/** Writes the reading of the word `[start, end)` into `codes`, in the case of its letters. */
function readWord(
  text: string,
  codes: Uint16Array,
  start: number,
  end: number,
  letters: number,
): void {
  // Long tokens (hashes, blobs) take the neighbour rule without building candidate strings.
  const reading = end - start <= MAX_DICTIONARY_WORD ? bestReading(text, start, end) : undefined;
  const upper = letters >= 2 && isAllUpper(text, start, end);
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0x80 || isAsciiLetterCode(code)) continue;
    let letter = reading?.charCodeAt(at - start) ?? LEET_TABLE[code] ?? code;
    if (reading === undefined && code === ONE && isLikeL(text, at, start, end)) letter = LOWER_L;
    codes[at] = upper ? letter - 0x20 : letter;
  }
}

function isAllUpper(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return true;
}

/**
 * The lower-case reading of the word `[start, end)` (non-ASCII characters
 * kept): every '1' read as 'i' or 'l' so the word is a common English word
 * when some choice makes one, else by the neighbour rule.
 */
function bestReading(text: string, start: number, end: number): string {
  const codes: number[] = [];
  const ones: number[] = [];
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === ONE) ones.push(at - start);
    codes.push(isAsciiLetterCode(code) ? code | 0x20 : (LEET_TABLE[code] ?? 0) || code);
  }
  if (ones.length === 0) return String.fromCharCode(...codes);
  for (const position of ones) {
    codes[position] = isLikeL(text, start + position, start, end) ? LOWER_L : LOWER_I;
  }
  const guess = String.fromCharCode(...codes);
  if (ones.length > MAX_AMBIGUOUS_ONES || isEnglishWord(guess)) return guess;
  for (let choice = 0; choice < 1 << ones.length; choice++) {
    ones.forEach((position, bit) => {
      codes[position] = (choice & (1 << bit)) === 0 ? LOWER_I : LOWER_L;
    });
    const candidate = String.fromCharCode(...codes);
    if (isEnglishWord(candidate)) return candidate;
  }
  return guess;
}

/** '1' reads as 'l' next to another '1' ("a11ow", "wi11"), otherwise as 'i' ("k1ll", "1gn0r3"). */
function isLikeL(text: string, at: number, start: number, end: number): boolean {
  const before = at > start ? text.charCodeAt(at - 1) : 0;
  const after = at + 1 < end ? text.charCodeAt(at + 1) : 0;
  return before === ONE || after === ONE;
}
