/**
 * Collapses spaced-out letters, a classic filter evasion: "i g n o r e   a l l"
 * becomes "ignore all", "i.g.n.o.r.e" becomes "ignore". A run is at least
 * {@link MIN_SPACED_LETTERS} single letters, each separated by one to three
 * separator characters. Inside a run the shortest gap joins letters; a
 * longer gap, or a gap with whitespace where the shortest has none (as in
 * "i.g.n.o.r.e a.l.l"), is a word break and becomes one space.
 */
import { isLetter, isMark } from './char-info.ts';
import { MappedTextBuilder, type MappedText } from './mapped-text.ts';
import { MIN_SPACED_LETTERS } from './scan-text.ts';

const MAX_GAP = 3;

function isSeparator(code: number): boolean {
  switch (code) {
    case 0x20: // space
    case 0x09: // tab
    case 0x2e: // .
    case 0x2d: // -
    case 0x5f: // _
    case 0x2a: // *
    case 0x2f: // /
    case 0x7c: // |
    case 0x2c: // ,
    case 0x2b: // +
    case 0x7e: // ~
    case 0xb7: // middle dot
    case 0xa0: // no-break space
      return true;
    default:
      return false;
  }
}

function isWordCode(code: number): boolean {
  if (code < 0x80) {
    const lower = code | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
  }
  return isLetter(code) || isMark(code);
}

function hasWhitespace(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x20 || code === 0x09 || code === 0xa0) return true;
  }
  return false;
}

/** The length of the separator gap at `index` (0 when none, more than {@link MAX_GAP} when too long). */
function gapAt(text: string, index: number): number {
  let end = index;
  while (end < text.length && end - index <= MAX_GAP && isSeparator(text.charCodeAt(end))) end++;
  return end - index;
}

/** Whether `text[index]` is a letter standing alone (no letter or digit right after it). */
function isSingleLetter(text: string, index: number): boolean {
  return (
    isLetter(text.charCodeAt(index)) &&
    (index + 1 >= text.length || !isWordCode(text.charCodeAt(index + 1)))
  );
}

/**
 * Collapses spaced-letter runs in `text` (whose offsets map back through
 * `map`, identity when absent); undefined when there are none. Each run is
 * walked twice (measure, then write), so the whole is linear.
 */
export function collapseSpacedLetters(text: string, map?: Int32Array): MappedText | undefined {
  const length = text.length;
  let builder: MappedTextBuilder | undefined;
  let copied = 0;

  let index = 0;
  while (index < length) {
    const startsRun =
      isLetter(text.charCodeAt(index)) &&
      (index === 0 || !isWordCode(text.charCodeAt(index - 1))) &&
      index + 1 < length &&
      isSeparator(text.charCodeAt(index + 1));
    if (!startsRun) {
      index++;
      continue;
    }
    // Measure: the last letter of the run, how many letters, the joining gap.
    let last = index;
    let count = 1;
    let shortest = MAX_GAP + 1;
    let shortestHasWhitespace = false;
    for (;;) {
      const gap = gapAt(text, last + 1);
      const next = last + 1 + gap;
      if (gap === 0 || gap > MAX_GAP || next >= length || !isSingleLetter(text, next)) break;
      if (gap < shortest) {
        shortest = gap;
        shortestHasWhitespace = hasWhitespace(text, last + 1, next);
      }
      last = next;
      count++;
    }
    if (count < MIN_SPACED_LETTERS) {
      index = last + 1;
      continue;
    }
    // Write: the text before the run, then its letters and word breaks.
    builder ??= new MappedTextBuilder(length);
    for (let at = copied; at < index; at++) builder.push(text.charCodeAt(at), sourceOf(map, at));
    builder.push(text.charCodeAt(index), sourceOf(map, index));
    let position = index;
    while (position < last) {
      const gap = gapAt(text, position + 1);
      const next = position + 1 + gap;
      const breaks =
        gap > shortest || (!shortestHasWhitespace && hasWhitespace(text, position + 1, next));
      if (breaks) builder.push(0x20, sourceOf(map, position + 1));
      builder.push(text.charCodeAt(next), sourceOf(map, next));
      position = next;
    }
    copied = index = last + 1;
  }
  if (builder === undefined) return undefined;
  for (let at = copied; at < length; at++) builder.push(text.charCodeAt(at), sourceOf(map, at));
  return builder.finish(sourceOf(map, length));
}

function sourceOf(map: Int32Array | undefined, index: number): number {
  return map === undefined ? index : (map[index] ?? index);
}
