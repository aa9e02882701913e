/**
 * Finding long runs of one character class (hex digits, base64 characters)
 * without a branch per character: a run counter that a table lookup resets
 * costs about as much as reading the text, while testing each character
 * with an `if` mispredicts at every word boundary of ordinary prose, which
 * made the decoders' searches several times slower than the scan itself.
 */

/** A class as a table over all UTF-16 code units: 1 for members, 0 otherwise. */
export type CharClassTable = Uint8Array;

function tableOf(members: string): CharClassTable {
  const table = new Uint8Array(0x10000);
  for (let index = 0; index < members.length; index++) table[members.charCodeAt(index)] = 1;
  return table;
}

const DIGITS = '0123456789';
const HEX_LETTERS = 'abcdefABCDEF';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Hex digits. */
export const HEX_DIGITS: CharClassTable = tableOf(DIGITS + HEX_LETTERS);
/** The characters of both base64 alphabets (RFC 4648 §4 and §5), padding excluded. */
export const BASE64_CHARS: CharClassTable = tableOf(`${LETTERS}${DIGITS}+/-_`);

/**
 * The start of the first run of at least `minLength` members of `table`
 * that starts at or after `from` (which must not be inside a run), or -1.
 */
export function findLongRun(
  text: string,
  from: number,
  table: CharClassTable,
  minLength: number,
): number {
  const length = text.length;
  let run = 0;
  for (let index = from; index < length; index++) {
    // -1 (all bits) keeps the count for a member, 0 resets it.
    run = (run + 1) & -(table[text.charCodeAt(index)] ?? 0);
    if (run === minLength) return index + 1 - minLength;
  }
  return -1;
}

/** The end of the run of members of `table` that goes on at `from`. */
export function endOfRun(text: string, from: number, table: CharClassTable): number {
  let index = from;
  while (index < text.length && table[text.charCodeAt(index)] === 1) index++;
  return index;
}
