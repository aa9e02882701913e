/**
 * The scan of a text after a transform changed a few places in it, without
 * scanning it all again. `buildViews` scans the text once, then needs the
 * same scan of the folded text and of the collapsed text; on a long document
 * those transforms touch a handful of characters, and a full rescan (the
 * cost of the first scan, each time) was most of the view build.
 *
 * Why the result equals {@link scanText} of the edited text. The scan is a
 * left-to-right machine whose state is fresh (as at the start of a text)
 * at a *reset point*: a position after a character that is neither part of
 * a word nor of a base64 run, whose last word before it is neither a lone
 * letter (which would carry a spaced-letters chain) nor a hex byte (a byte
 * list). A scan from one reset point to the next finds exactly what the
 * full scan finds there (see `scanRange`). Every changed character of the
 * edited text is enclosed in a window whose ends are reset points checked
 * on unchanged characters only, so the matching ends in the text before the
 * edit are reset points too, and everything outside the windows is the same
 * characters in both texts, scanned from the same states. With
 * `before = gaps + B₁ + … + Bₖ` and `after = gaps + A₁ + … + Aₖ`, the flags
 * of the edited text are those of the gaps or of some Aᵢ; when every Bᵢ's
 * flags are among Aᵢ's (nothing the scan looks for was removed), that is
 * the old flags or the Aᵢ's ('%' counts: old − ΣBᵢ + ΣAᵢ). An encoded run
 * that a window lost is settled by one native search of the edited text;
 * anything else lost, a short text, or windows that are not small, and the
 * caller scans the text in full.
 */
import {
  BASE64_CLASS,
  LETTER_CLASS,
  WORD_CLASSES,
  isByteToken,
  scanClasses,
  scanRange,
  type TextScan,
} from './scan-text.ts';
import { firstChange, isKept } from './mapped-text.ts';

/** What decoding reads from a scan (`findEncodedRuns`) and `deleet`'s gate. */
export type DecodeScan = Pick<
  TextScan,
  'leet' | 'encodedRun' | 'byteList' | 'percentSigns' | 'rot13Keywords'
>;

/** {@link DecodeScan} and the spaced-letters gate: what the steps after the character fold read. */
export type FoldedScan = DecodeScan & Pick<TextScan, 'spacedLetters'>;

/**
 * What `TextScan.encodedRun` looks for: `MIN_ENCODED_RUN` (16)
 * characters of the scan's base64 class (ASCII letters, digits and
 * `+/=_-`) in a row. A literal, as the ReDoS gate asks (linear: one class).
 */
const ENCODED_RUN = /[A-Za-z0-9+/=_-]{16}/;

/** Shorter texts are scanned again in full: cheaper than finding their changes. */
const MIN_RESCANNED_CHARS = 2048;

/** More windows than one per this many code units: each costs two short scans, a full scan is cheaper. */
const MIN_CHARS_PER_WINDOW = 1024;

/** Windows covering more than this share of the edited text: a full scan is cheaper. */
const MAX_WINDOW_SHARE = 0.25;

/**
 * The scan of `after`, made from `before` (whose scan is `previous`) by an
 * edit whose `map` gives, for each code unit of `after`, its offset in
 * `before` (non-decreasing, `map[after.length]` the end of `before`): the
 * character fold. Undefined when the edit removed something the scan looks
 * for, or changed too much: then scan `after` in full.
 */
export function rescanFolded(
  previous: FoldedScan,
  before: string,
  after: string,
  map: Int32Array,
): FoldedScan | undefined {
  return rescan(previous, before, after, map, true);
}

/**
 * As {@link rescanFolded}, for collapsing spaced letters: the steps after it
 * do not read the spaced-letters flag, which the collapse clears.
 */
export function rescanCollapsed(
  previous: DecodeScan,
  before: string,
  after: string,
  map: Int32Array,
): DecodeScan | undefined {
  const scan = rescan(previous, before, after, map, false);
  if (scan === undefined) return undefined;
  const { leet, encodedRun, byteList, percentSigns, rot13Keywords } = scan;
  return { leet, encodedRun, byteList, percentSigns, rot13Keywords };
}

function rescan(
  previous: DecodeScan & Partial<Pick<TextScan, 'spacedLetters'>>,
  before: string,
  after: string,
  map: Int32Array,
  checkSpacedLetters: boolean,
): FoldedScan | undefined {
  if (after.length < MIN_RESCANNED_CHARS) return undefined;
  const windows = editWindows(before, after, map);
  if (windows === undefined) return undefined;
  let leet = previous.leet;
  let encodedRun = previous.encodedRun;
  let encodedRunRemoved = false;
  let windowsHaveEncodedRun = false;
  let byteList = previous.byteList;
  let spacedLetters = previous.spacedLetters ?? false;
  let percentSigns = previous.percentSigns;
  let rot13Keywords = previous.rot13Keywords;
  const last = after.length;
  for (let index = 0; index < windows.length; index += 2) {
    const start = windows[index] ?? 0;
    const end = windows[index + 1] ?? last;
    const edited = scanRange(after, start, end);
    const original = scanRange(
      before,
      start === 0 ? 0 : (map[start] ?? 0),
      end === last ? before.length : (map[end] ?? before.length),
    );
    // A run removed (a spaced-out "R-F-C-A-N-A-R-Y-..." collapsed) is settled below.
    if (original.encodedRun && !edited.encodedRun) encodedRunRemoved = true;
    if (
      (original.leet && !edited.leet) ||
      (original.byteList && !edited.byteList) ||
      (checkSpacedLetters && original.spacedLetters && !edited.spacedLetters) ||
      (original.rot13Keywords & ~edited.rot13Keywords) !== 0
    ) {
      return undefined;
    }
    leet ||= edited.leet;
    encodedRun ||= edited.encodedRun;
    windowsHaveEncodedRun ||= edited.encodedRun;
    byteList ||= edited.byteList;
    spacedLetters ||= edited.spacedLetters;
    percentSigns += edited.percentSigns - original.percentSigns;
    rot13Keywords |= edited.rot13Keywords;
  }
  // The old run may have been the only one: one native search decides.
  if (encodedRunRemoved && !windowsHaveEncodedRun) encodedRun = ENCODED_RUN.test(after);
  return { leet, encodedRun, byteList, spacedLetters, percentSigns, rot13Keywords };
}

/**
 * The windows `[start, end)` of `after` (flattened pairs, ascending, disjoint)
 * that enclose every changed character, each end a reset point with
 * unchanged context; undefined when they would cover much of the text.
 */
export function editWindows(
  before: string,
  after: string,
  map: Int32Array,
): readonly number[] | undefined {
  const length = after.length;
  const most = length * MAX_WINDOW_SHARE;
  // Every inserted or removed code unit is in a window: a big change in length is a big change.
  if (Math.abs(before.length - length) > most) return undefined;
  const windows: number[] = [];
  let covered = 0;
  // Characters removed before the first one: a window from the start.
  let index = (map[0] ?? 0) === 0 ? 0 : -1;
  while (index < length) {
    if (index >= 0) {
      index = firstChange(before, after, map, index);
      if (index >= length) break;
    }
    const previousEnd = windows.length > 0 ? (windows[windows.length - 1] ?? 0) : 0;
    let start = index <= 0 ? 0 : resetAtOrBefore(before, after, map, index);
    const end = resetAfter(before, after, map, index + 1, index + 1 + most - covered);
    if (end < 0) return undefined;
    if (start <= previousEnd && windows.length > 0) {
      // Overlaps the previous window: extend it.
      start = windows[windows.length - 2] ?? 0;
      covered -= previousEnd - start;
      windows[windows.length - 1] = end;
    } else {
      windows.push(start, end);
    }
    covered += end - start;
    if (covered > most || windows.length * MIN_CHARS_PER_WINDOW > 2 * length) return undefined;
    index = end;
  }
  return windows;
}

function isWordAt(text: string, index: number): boolean {
  return (scanClasses(text.charCodeAt(index)) & WORD_CLASSES) !== 0;
}

/**
 * Whether the word `text[start, end)` ends any spaced-letters chain and byte
 * list (it is neither one lone letter nor a hex byte), as the scan decides.
 */
function breaksChains(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1) return (scanClasses(text.charCodeAt(start)) & LETTER_CLASS) === 0;
  return !(length <= 4 && isByteToken(text, start, length));
}

/** Whether `after[from, to)` is all kept characters (see {@link isKept}). */
function allKept(
  before: string,
  after: string,
  map: Int32Array,
  from: number,
  to: number,
): boolean {
  for (let index = from; index < to; index++) {
    if (!isKept(before, after, map, index)) return false;
  }
  return true;
}

/**
 * A reset point of `after` at or before `position` whose context (the word
 * before it, the character before that word, and the characters up to the
 * point) is kept; 0 when there is none.
 */
function resetAtOrBefore(before: string, after: string, map: Int32Array, position: number): number {
  let point = position;
  while (point > 0) {
    const code = after.charCodeAt(point - 1);
    if (
      (scanClasses(code) & (WORD_CLASSES | BASE64_CLASS)) !== 0 ||
      !isKept(before, after, map, point - 1)
    ) {
      point--;
      continue;
    }
    // The word before the point: [start, end).
    let end = point - 1;
    while (end > 0 && !isWordAt(after, end - 1)) end--;
    if (end === 0) return 0;
    let start = end - 1;
    while (start > 0 && isWordAt(after, start - 1)) start--;
    if (start === 0) return 0;
    if (allKept(before, after, map, start - 1, point) && breaksChains(after, start, end)) {
      return point;
    }
    point = start;
  }
  return 0;
}

/**
 * The first reset point of `after` after `position` whose context (see
 * {@link resetAtOrBefore}) is kept; the text's end when there is none; -1
 * when the search passes `limit` (the window would be too wide anyway).
 */
function resetAfter(
  before: string,
  after: string,
  map: Int32Array,
  position: number,
  limit: number,
): number {
  const length = after.length;
  let point = position;
  for (;;) {
    if (point > limit) return -1;
    let start = point;
    while (start < length && !isWordAt(after, start)) start++;
    let end = start;
    while (end < length && isWordAt(after, end)) end++;
    if (end >= length) return length;
    // A word starting at `point` may be the tail of a longer one: not a word start then.
    if (
      start > 0 &&
      !isWordAt(after, start - 1) &&
      (scanClasses(after.charCodeAt(end)) & BASE64_CLASS) === 0 &&
      allKept(before, after, map, start - 1, end + 1) &&
      breaksChains(after, start, end)
    ) {
      return end + 1;
    }
    point = end + 1;
  }
}
