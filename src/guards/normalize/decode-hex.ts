/**
 * Hex runs: at least 16 hex digits in a row (an even number is used),
 * decoding to mostly printable UTF-8. Identifiers that are hex (a 40-digit
 * git SHA, a 32-digit UUID without dashes, a hash) decode to random bytes
 * and fail the printable check.
 *
 * Also byte lists, hex bytes written one by one: "49 67 6e 6f", "49:67:6e",
 * "\x49\x67\x6e", "0x49, 0x67, 0x6e" (at least {@link MIN_BYTE_LIST}).
 */
import { Buffer } from 'node:buffer';
import type { DecodeBudget, DecodedRun } from './encoded-run.ts';
import { HEX_DIGITS, endOfRun, findLongRun } from './long-runs.ts';
import { MIN_BYTE_LIST, MIN_ENCODED_RUN } from './scan-text.ts';
import { printableText } from './printable-text.ts';

function isHexCode(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

/** The hex runs in `text` that decode to text. */
export function findHexRuns(text: string, budget: DecodeBudget): DecodedRun[] {
  const runs: DecodedRun[] = [];
  let index = 0;
  while (index < text.length && budget.runs > 0 && budget.attempts > 0) {
    // Shorter runs are never decoded: go straight to the next one long enough.
    const start = findLongRun(text, index, HEX_DIGITS, MIN_ENCODED_RUN);
    if (start < 0) break;
    index = endOfRun(text, start + MIN_ENCODED_RUN, HEX_DIGITS);
    const digits = Math.min(index - start, budget.chars * 2) & ~1;
    if (digits < MIN_ENCODED_RUN) continue;
    budget.attempts--;
    const decoded = printableText(Buffer.from(text.slice(start, start + digits), 'hex'));
    if (decoded === undefined) continue;
    budget.chars -= decoded.length;
    budget.runs--;
    runs.push({ encoding: 'hex', start, end: index, text: decoded });
  }
  return runs;
}

function isListSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2c || code === 0x3a || code === 0x3b || code === 0x2d;
}

/**
 * The byte written at `index` ("49", "\x49", "0x49" followed by a non-hex
 * character), as `[value, end]`, or undefined.
 */
function readByte(text: string, index: number): readonly [number, number] | undefined {
  let at = index;
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1) | 0x20;
  if ((first === 0x5c || first === 0x30) && second === 0x78) at += 2;
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  if (!isHexCode(high) || !isHexCode(low) || isHexCode(text.charCodeAt(at + 2))) return undefined;
  if (at === index && index > 0 && isHexCode(text.charCodeAt(index - 1))) return undefined;
  return [Number.parseInt(text.slice(at, at + 2), 16), at + 2];
}

/** The byte lists in `text` that decode to text (separators: up to two of space , : ; -). */
export function findByteListRuns(text: string, budget: DecodeBudget): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const length = text.length;
  let index = 0;
  while (index < length && budget.runs > 0 && budget.attempts > 0) {
    const firstByte = readByte(text, index);
    if (firstByte === undefined) {
      index++;
      continue;
    }
    const start = index;
    const bytes: number[] = [firstByte[0]];
    let end = firstByte[1];
    while (end < length && bytes.length < budget.chars) {
      let next = end;
      while (next < length && next - end < 2 && isListSeparator(text.charCodeAt(next))) next++;
      const byte = readByte(text, next);
      if (byte === undefined) break;
      bytes.push(byte[0]);
      end = byte[1];
    }
    index = end;
    if (bytes.length < MIN_BYTE_LIST) continue;
    budget.attempts--;
    const decoded = printableText(Uint8Array.from(bytes));
    if (decoded === undefined) continue;
    budget.chars -= decoded.length;
    budget.runs--;
    runs.push({ encoding: 'hex', start, end, text: decoded });
  }
  return runs;
}
