/**
 * De-leet: reads digits and symbols used as letters ("1gn0r3 4ll" → "ignore
 * all", "p@$$w0rd" → "password"). Only words that mix letters with leet
 * characters change, so plain numbers, prices and dates stay as they are; a
 * word with a digit that has no letter reading (2, 6) is left alone too
 * ("sha256", "x86_64" stay). Symbols count only inside a word, so "Hello!"
 * and "@name" are untouched. One character in, one out: the offset map of
 * the input carries over unchanged.
 */

import { codeUnitsOf, stringOf } from './mapped-text.ts';
import { MIN_LEET_LETTERS, MIN_LEET_WORD } from './scan-text.ts';

/** The letter each leet character reads as ('1' is decided by its neighbours). */
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

/** `text` with leet words read as letters, or undefined when no word changed. */
export function deleet(text: string): string | undefined {
  const length = text.length;
  // Written in place into a copy of the code units, made on the first change.
  let codes: Uint16Array | undefined;
  let index = 0;
  while (index < length) {
    if (!isTokenCode(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    let letters = 0;
    let leet = 0;
    let blocked = false;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (!isTokenCode(code)) break;
      if (isAsciiLetterCode(code)) letters++;
      else if (isDigitCode(code)) {
        if (LEET_TABLE[code] === 0) blocked = true;
        else leet++;
      } else if (index > start && index + 1 < length && isTokenCode(text.charCodeAt(index + 1))) {
        leet++;
      }
      index++;
    }
    if (blocked || letters < MIN_LEET_LETTERS || leet === 0 || index - start < MIN_LEET_WORD) {
      continue;
    }
    codes ??= codeUnitsOf(text);
    for (let at = start; at < index; at++) {
      const code = text.charCodeAt(at);
      const reading = LEET_TABLE[code] ?? 0;
      if (reading === 0) continue;
      if (isSymbolCode(code) && (at === start || at + 1 === index)) continue;
      codes[at] = code === 0x31 && isLikeL(text, at, start, index) ? 0x6c : reading;
    }
  }
  return codes === undefined ? undefined : stringOf(codes, length);
}

/** '1' reads as 'l' next to another '1' ("a11ow", "wi11"), otherwise as 'i' ("k1ll", "1gn0r3"). */
function isLikeL(text: string, at: number, start: number, end: number): boolean {
  const before = at > start ? text.charCodeAt(at - 1) : 0;
  const after = at + 1 < end ? text.charCodeAt(at + 1) : 0;
  return before === 0x31 || after === 0x31;
}
