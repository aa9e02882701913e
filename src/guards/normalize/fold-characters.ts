/**
 * The character-level half of the `normalized` view: strips invisible
 * characters, applies NFKC per cluster (a base character and the combining
 * marks after it) so every output character keeps its original offset, drops
 * combining marks stacked on ASCII letters ("ïgnörë", Zalgo text), and folds
 * words written with Latin look-alikes (and, when asked, English words
 * written with precomposed accented letters) to their Latin skeleton. Tag
 * characters are removed and what they spell is collected for the
 * `decoded:tags` view.
 *
 * Legitimate uses of invisible characters are kept and raise no signal: ZWJ
 * inside emoji sequences, ZWNJ/ZWJ between letters of scripts whose spelling
 * uses them (Persian, Indic …), VS15/VS16 after an emoji, one variation
 * selector after a non-ASCII character (ideographic variation sequences),
 * subdivision-flag tag sequences (🏴 + tags + CANCEL TAG); a BOM at the very
 * start is dropped silently.
 */
import {
  isAsciiLetter,
  isEmojiLike,
  isJoiningScript,
  isLetter,
  isMark,
  isNfkcStable,
  isPlainUnit,
  isRightToLeft,
} from './char-info.ts';
import { confusableTarget } from './confusables.ts';
import { foldConfusableWords } from './fold-confusable-words.ts';
import {
  BLACK_FLAG,
  BOM,
  CANCEL_TAG,
  VS15,
  VS16,
  MONGOLIAN_VOWEL_SEPARATOR,
  ZWJ,
  ZWNJ,
  invisibleKind,
  variationSelectorByte,
} from './invisible-chars.ts';
import { MappedTextBuilder, type MappedText } from './mapped-text.ts';

/** A run of hidden characters that carries data, with its span in the source text. */
export interface HiddenRun {
  readonly start: number;
  readonly end: number;
  /**
   * For tag runs: the text the tags spell, with the characters no tag can
   * spell that sat between them (line breaks, non-ASCII); for
   * variation-selector runs: the bytes as Latin-1.
   */
  readonly payload: string;
}

/** The folded text and what was seen while folding. */
export interface FoldResult extends MappedText {
  /** Whether the text differs from the source. */
  readonly changed: boolean;
  readonly signals: readonly string[];
  /** Runs of Unicode tag characters (ASCII smuggling), at most {@link MAX_HIDDEN_RUNS}. */
  readonly tagRuns: readonly HiddenRun[];
  /** Runs of two or more variation selectors (byte smuggling), at most {@link MAX_HIDDEN_RUNS}. */
  readonly selectorRuns: readonly HiddenRun[];
}

/** Options of {@link foldCharacters}. */
export interface FoldOptions {
  /**
   * Fold precomposed Latin letters with diacritics in words that then read
   * as common English words ("ïgnörë" → "ignore"); set when the scan saw an
   * attack word written so (`TextScan.diacriticWords`). Words that hold a
   * look-alike are checked either way.
   */
  readonly foldDiacritics?: boolean;
}

/** At most this many tag / variation-selector runs are kept for decoding. */
export const MAX_HIDDEN_RUNS = 8;
/** NFKC may expand a character (U+FDFA is 18); the view is capped at this many times the source. */
const EXPANSION_FACTOR = 4;
/** Combining marks after one base character that are kept together in one cluster. */
const MAX_CLUSTER_MARKS = 32;
/** Payload characters kept per hidden run. */
export const MAX_PAYLOAD = 64 * 1024;

/** A {@link HiddenRun} while it is being read. */
interface MutableRun {
  start: number;
  end: number;
  payload: string;
}

const SIGNAL_NAMES = [
  'tag-characters',
  'zero-width',
  'zero-width-in-word',
  'bidi-control',
  'variation-selector',
  'confusables-mixed-script',
  'combining-marks',
  'diacritics',
] as const;
const TAGS = 1;
const ZERO_WIDTH = 2;
const ZERO_WIDTH_IN_WORD = 4;
const BIDI = 8;
const VARIATION_SELECTOR = 16;
const MIXED_SCRIPT = 32;
const COMBINING_MARKS = 64;
const DIACRITICS = 128;

function signalNames(bits: number): string[] {
  return SIGNAL_NAMES.filter((_, index) => (bits & (1 << index)) !== 0);
}

function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) ?? -1;
}

function widthOf(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

function isTag(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= 0xe007f;
}

/** Whether the code unit (NaN past the end) may attach to the character before it. */
function isMarkUnit(code: number): boolean {
  if (!(code >= 0x300)) return false;
  if (code >= 0xd800 && code <= 0xdfff) return code <= 0xdbff; // an astral mark or selector, checked slowly
  return isMark(code);
}

/**
 * `payload` followed by what the tags in `[start, end)` spell, at most
 * {@link MAX_PAYLOAD} characters: U+E0020–E007E spell printable ASCII and
 * U+E0009, U+E000A, U+E000D a tab and line breaks; the other tags (LANGUAGE
 * TAG, CANCEL TAG, unassigned) spell nothing.
 */
function appendTagPayload(payload: string, text: string, start: number, end: number): string {
  const room = MAX_PAYLOAD - payload.length;
  if (room <= 0) return payload;
  const codes: number[] = [];
  for (let at = start; at < end && codes.length < room; at += 2) {
    const ascii = codePointAt(text, at) - 0xe0000;
    if ((ascii >= 0x20 && ascii <= 0x7e) || ascii === 0x09 || ascii === 0x0a || ascii === 0x0d) {
      codes.push(ascii);
    }
  }
  return payload + String.fromCharCode(...codes);
}

/** `text[start, end)`, cut so that `payload` plus it stays within {@link MAX_PAYLOAD}. */
function boundedSlice(text: string, start: number, end: number, payload: string): string {
  return text.slice(start, Math.min(end, start + Math.max(0, MAX_PAYLOAD - payload.length)));
}

/** Whether the tag run `[start, end)` after `previous` is an emoji subdivision flag (🏴 gbeng ␡). */
function isFlagTagSequence(text: string, start: number, end: number, previous: number): boolean {
  if (previous !== BLACK_FLAG) return false;
  const count = (end - start) / 2;
  if (count < 3 || count > 8 || codePointAt(text, end - 2) !== CANCEL_TAG) return false;
  for (let index = start; index < end - 2; index += 2) {
    const ascii = codePointAt(text, index) - 0xe0000;
    const lowerOrDigit = (ascii >= 0x61 && ascii <= 0x7a) || (ascii >= 0x30 && ascii <= 0x39);
    if (!lowerOrDigit) return false;
  }
  return true;
}

/** Whether `text[start, end)` holds a printable ASCII character (one a tag could have spelled). */
function hasPrintableAscii(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== 0x7f) return true;
  }
  return false;
}

/**
 * Folds `text` (see the module comment). Linear in the text; the output is
 * at most {@link EXPANSION_FACTOR} times longer (clusters that would exceed it
 * are kept as they are).
 */
export function foldCharacters(text: string, options: FoldOptions = {}): FoldResult {
  const foldDiacritics = options.foldDiacritics ?? false;
  const length = text.length;
  // Room for a little NFKC expansion ("…" → "...") without doubling the buffers.
  const builder = new MappedTextBuilder(length + (length >> 6) + 16);
  const budget = EXPANSION_FACTOR * length + 1024;
  const tagRuns: MutableRun[] = [];
  // The tag run still open: only characters a tag cannot spell have followed it.
  let openTagRun: MutableRun | undefined;
  const selectorRuns: HiddenRun[] = [];
  let changed = false;
  let signals = 0;
  let sawConfusable = false;
  let textIsNfkc: boolean | undefined;
  // The last visible code point written (invisibles kept on purpose do not count).
  let previous = -1;
  let zeroWidthAfterLetter = false;
  let bidiMarkAfterLetter = false;

  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      // A tag can spell any printable ASCII character: one written plainly ends the hidden run.
      if (openTagRun !== undefined && code >= 0x20 && code !== 0x7f) openTagRun = undefined;
      if (zeroWidthAfterLetter && isAsciiLetter(code)) signals |= ZERO_WIDTH_IN_WORD;
      if (bidiMarkAfterLetter && isAsciiLetter(code)) signals |= BIDI;
      zeroWidthAfterLetter = bidiMarkAfterLetter = false;
      // The rest of an ASCII stretch is copied as it is, in one loop.
      let end = index + 1;
      while (end < length && text.charCodeAt(end) < 0x80) end++;
      if (openTagRun !== undefined && hasPrintableAscii(text, index + 1, end)) {
        openTagRun = undefined;
      }
      builder.copyRange(text, index, end);
      previous = text.charCodeAt(end - 1);
      index = end;
      continue;
    }
    if (isPlainUnit(code) && !isMarkUnit(text.charCodeAt(index + 1))) {
      // The common non-ASCII case (an ordinary letter of any script): copy it.
      if (confusableTarget(code) !== 0) sawConfusable = true;
      if (zeroWidthAfterLetter && isLetter(code)) signals |= ZERO_WIDTH_IN_WORD;
      if (bidiMarkAfterLetter && isLetter(code) && !isRightToLeft(code)) signals |= BIDI;
      zeroWidthAfterLetter = bidiMarkAfterLetter = false;
      builder.push(code, index);
      previous = code;
      index++;
      continue;
    }
    const codePoint = codePointAt(text, index);
    const width = widthOf(codePoint);
    const kind = invisibleKind(codePoint);
    if (kind !== undefined) {
      let end = index + width;
      switch (kind) {
        case 'tag': {
          while (end < length && isTag(codePointAt(text, end))) end += 2;
          if (isFlagTagSequence(text, index, end, previous)) {
            builder.pushAll(text.slice(index, end), index);
            openTagRun = undefined;
            break;
          }
          signals |= TAGS;
          changed = true;
          if (openTagRun !== undefined) {
            // Only characters a tag cannot spell (line breaks, non-ASCII) since the last
            // run: the smuggler left them as they were, so they belong to the hidden text.
            openTagRun.payload = appendTagPayload(
              openTagRun.payload + boundedSlice(text, openTagRun.end, index, openTagRun.payload),
              text,
              index,
              end,
            );
            openTagRun.end = end;
          } else if (tagRuns.length < MAX_HIDDEN_RUNS) {
            const payload = appendTagPayload('', text, index, end);
            if (payload.length > 0) {
              openTagRun = { start: index, end, payload };
              tagRuns.push(openTagRun);
            }
          }
          break;
        }
        case 'variation-selector': {
          let count = 1;
          while (end < length && variationSelectorByte(codePointAt(text, end)) >= 0) {
            end += widthOf(codePointAt(text, end));
            count++;
          }
          const presentation = codePoint === VS15 || codePoint === VS16;
          const legitimate =
            count === 1 &&
            previous >= 0 &&
            ((presentation && isEmojiLike(previous)) || (previous >= 0x80 && !presentation));
          if (legitimate) {
            builder.pushAll(text.slice(index, end), index);
            break;
          }
          signals |= VARIATION_SELECTOR;
          changed = true;
          if (count >= 2 && selectorRuns.length < MAX_HIDDEN_RUNS) {
            let payload = '';
            for (let at = index; at < end && payload.length < MAX_PAYLOAD;) {
              const selector = codePointAt(text, at);
              payload += String.fromCharCode(variationSelectorByte(selector));
              at += widthOf(selector);
            }
            selectorRuns.push({ start: index, end, payload });
          }
          break;
        }
        case 'zero-width': {
          if (codePoint === BOM && index === 0) {
            changed = true;
            break;
          }
          const next = codePointAt(text, end);
          const emojiJoiner =
            codePoint === ZWJ &&
            previous >= 0x2000 &&
            isEmojiLike(previous) &&
            next >= 0x2000 &&
            isEmojiLike(next);
          // Between letters of a joining script, or ending a word of one (Malayalam chillu: "ന്‍").
          const orthographic =
            (codePoint === ZWNJ || codePoint === ZWJ || codePoint === MONGOLIAN_VOWEL_SEPARATOR) &&
            isJoiningScript(previous) &&
            (next < 0 || isJoiningScript(next) || !isLetter(next));
          if (emojiJoiner || orthographic) {
            builder.push(codePoint, index);
            break;
          }
          signals |= ZERO_WIDTH;
          changed = true;
          if (previous >= 0 && isLetter(previous)) zeroWidthAfterLetter = true;
          // The rest of a run goes too (no joiner in a run sits between two letters).
          while (end < length && invisibleKind(text.charCodeAt(end)) === 'zero-width') end++;
          break;
        }
        case 'bidi-control':
          signals |= BIDI;
          changed = true;
          break;
        case 'bidi-mark':
          changed = true;
          if (previous >= 0 && isLetter(previous) && !isRightToLeft(previous)) {
            bidiMarkAfterLetter = true;
          }
          break;
      }
      index = end;
      continue;
    }

    // A visible non-ASCII character: consume pending in-word checks.
    if (zeroWidthAfterLetter && isLetter(codePoint)) signals |= ZERO_WIDTH_IN_WORD;
    if (bidiMarkAfterLetter && isLetter(codePoint) && !isRightToLeft(codePoint)) signals |= BIDI;
    zeroWidthAfterLetter = bidiMarkAfterLetter = false;

    if (isMark(codePoint) && previous >= 0 && isAsciiLetter(previous)) {
      // Diacritics stacked on an ASCII letter: the skeleton keeps the letter only.
      signals |= COMBINING_MARKS;
      changed = true;
      index += width;
      continue;
    }
    if (confusableTarget(codePoint) !== 0) sawConfusable = true;

    let end = index + width;
    for (let marks = 0; end < length && marks < MAX_CLUSTER_MARKS; marks++) {
      const next = codePointAt(text, end);
      // Variation selectors and CGJ are marks too, but are handled as invisibles.
      if (next < 0x300 || !isMark(next) || invisibleKind(next) !== undefined) break;
      end += widthOf(next);
    }
    const single = end === index + width;
    let stable = single ? isNfkcStable(codePoint) : false;
    if (!single) {
      textIsNfkc ??= text.normalize('NFKC') === text;
      stable = textIsNfkc;
    }
    if (stable) {
      for (let at = index; at < end; at++) builder.push(text.charCodeAt(at), at);
    } else {
      const cluster = text.slice(index, end);
      const normalized = cluster.normalize('NFKC');
      if (normalized === cluster || builder.length + normalized.length + (length - end) > budget) {
        for (let at = index; at < end; at++) builder.push(text.charCodeAt(at), at);
      } else {
        changed = true;
        if (normalized.length === cluster.length) {
          for (let at = 0; at < normalized.length; at++) {
            builder.push(normalized.charCodeAt(at), index + at);
          }
        } else {
          builder.pushAll(normalized, index);
        }
        // NFKC can produce look-alikes (e.g. from enclosed or small forms).
        sawConfusable = true;
      }
    }
    previous = codePoint;
    index = end;
  }

  if (sawConfusable || foldDiacritics) {
    const folded = foldConfusableWords(builder, foldDiacritics);
    if (folded.folded) changed = true;
    if (folded.mixedScript) signals |= MIXED_SCRIPT;
    if (folded.diacritics) {
      changed = true;
      signals |= DIACRITICS;
    }
  }
  const { text: foldedText, map } = builder.finish(length);
  return {
    text: foldedText,
    map,
    changed,
    signals: signalNames(signals),
    tagRuns,
    selectorRuns,
  };
}
