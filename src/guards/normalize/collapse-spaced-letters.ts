/**
 * Collapses spaced-out letters, a classic filter evasion: "i g n o r e   a l l"
 * becomes "ignore all", "i.g.n.o.r.e" becomes "ignore". A run is at least
 * {@link MIN_SPACED_LETTERS} single letters, each separated by one to three
 * separator characters. Inside a run the shortest gap joins letters; a
 * longer gap, or a gap with whitespace where the shortest has none (as in
 * "i.g.n.o.r.e a.l.l"), is a word break and becomes one space.
 *
 * When the gaps are whitespace only, every character of the spaced words
 * was spaced out, punctuation and digits included ("Y o u ' v e", "< h 1 >",
 * "r e p e a t   ' x ' ."): such a run takes any single visible character,
 * so the collapsed text is the text before it was spaced out.
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

function isAsciiWordCode(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
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

/** Whitespace that separates spaced-out characters (not line breaks: a run stays on one line). */
function isGapSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

function isWhitespace(code: number): boolean {
  return isGapSpace(code) || code === 0x0a || code === 0x0d;
}

/**
 * The width (1, or 2 for a surrogate pair) of a single visible character
 * standing alone between whitespace at `index`, or 0.
 */
function loneCharacterAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (!(code > 0x20) || code === 0x7f || code === 0xa0) return 0;
  if (index > 0 && !isWhitespace(text.charCodeAt(index - 1))) return 0;
  const high = code >= 0xd800 && code <= 0xdbff;
  const width = high && index + 1 < text.length ? 2 : 1;
  const next = index + width;
  return next >= text.length || isWhitespace(text.charCodeAt(next)) ? width : 0;
}

/** The whitespace gap at `index`: its length (more than {@link MAX_GAP} when too long). */
function spaceGapAt(text: string, index: number): number {
  let end = index;
  while (end < text.length && end - index <= MAX_GAP && isGapSpace(text.charCodeAt(end))) end++;
  return end - index;
}

/**
 * A run of lone characters separated by whitespace only, starting at
 * `index` (a lone character of `width`): its end and shortest gap, or
 * undefined when it nowhere holds {@link MIN_SPACED_LETTERS} letters in a row.
 */
function measureSpacedRun(
  text: string,
  index: number,
  width: number,
): { readonly end: number; readonly shortest: number } | undefined {
  let position = index;
  let streak = isLetter(text.codePointAt(index) ?? 0) ? 1 : 0;
  let longestStreak = streak;
  let shortest = MAX_GAP + 1;
  for (;;) {
    const gapStart = position + width;
    const gap = spaceGapAt(text, gapStart);
    if (gap === 0 || gap > MAX_GAP || gapStart + gap >= text.length) break;
    const next = gapStart + gap;
    const nextWidth = loneCharacterAt(text, next);
    // A last letter may have punctuation glued to it ("h e l l o!"), which ends the run.
    const last = nextWidth === 0 && isSingleLetter(text, next);
    if (nextWidth === 0 && !last) break;
    if (gap < shortest) shortest = gap;
    position = next;
    width = last ? 1 : nextWidth;
    streak = isLetter(text.codePointAt(position) ?? 0) ? streak + 1 : 0;
    if (streak > longestStreak) longestStreak = streak;
    if (last) break;
  }
  // A spaced-out word has letters in a row; "z = a + b + c" has none and stays as it is.
  return longestStreak >= MIN_SPACED_LETTERS ? { end: position + width, shortest } : undefined;
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
    // Inside a word (after an ASCII letter or digit) no run can start: skip ahead.
    if (index > 0 && isAsciiWordCode(text.charCodeAt(index - 1))) {
      index++;
      continue;
    }
    const width = loneCharacterAt(text, index);
    const spaced = width === 0 ? undefined : measureSpacedRun(text, index, width);
    if (spaced !== undefined) {
      builder ??= new MappedTextBuilder(length);
      builder.copyRange(text, copied, index, map);
      let at = index;
      while (at < spaced.end) {
        const code = text.charCodeAt(at);
        if (!isGapSpace(code)) {
          builder.push(code, sourceOf(map, at));
          at++;
          continue;
        }
        const gap = spaceGapAt(text, at);
        if (gap > spaced.shortest) builder.push(0x20, sourceOf(map, at));
        at += gap;
      }
      copied = index = spaced.end;
      continue;
    }
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
    builder.copyRange(text, copied, index, map);
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
  builder.copyRange(text, copied, length, map);
  return builder.finish(sourceOf(map, length));
}

function sourceOf(map: Int32Array | undefined, index: number): number {
  return map === undefined ? index : (map[index] ?? index);
}
