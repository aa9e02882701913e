/**
 * Feature extraction for the injection model, shared by the training script
 * (scripts/train-injection.ts) and inference (model.ts) so the two can never
 * disagree about what a feature is.
 *
 * A text is casefolded and its whitespace collapsed (a run containing a line
 * break becomes `\n`, any other run one space). Features are hashed into
 * `2^bits` buckets: character 2- to 5-grams, word unigrams and word bigrams.
 * CJK / kana / Hangul characters count as one word each, so word bigrams of
 * unsegmented scripts are character bigrams.
 *
 * Long texts are cut into fixed segments of {@link SEGMENT_CHARS} normalised
 * characters; a feature belongs to the segment where its n-gram starts (a word
 * to the segment where it ends). A window is two adjacent segments, so window
 * sums are segment sums added, and each segment is hashed once.
 */

/** Normalised characters per segment; a window is two segments (512 chars, half overlap). */
export const SEGMENT_CHARS = 256;

/** The n-gram configuration, recorded in the weights so a mismatch is detected at load. */
export const FEATURE_CONFIG = {
  version: 1,
  charMin: 2,
  charMax: 5,
  words: 'uni+bi',
  segmentChars: SEGMENT_CHARS,
  windowSegments: 2,
} as const;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x5bd1e995;
const BIGRAM_SEED = 0x27d4eb2f;
const GOLDEN = 0x9e3779b1;

/** JavaScript `\s`: the whitespace the normaliser collapses. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

let codes = new Uint16Array(1 << 12);

/**
 * Casefolds and collapses whitespace (a run containing a line break becomes
 * `\n`, any other run one space). `toLowerCase` is one native call; the rare
 * characters whose lowercase has another length (e.g. U+0130) only shift
 * offsets, which are used for reporting windows, never for scoring. The
 * collapse is a loop over char codes (a replace callback per run is slower).
 */
export function normalizeForFeatures(text: string): string {
  const lower = text.toLowerCase();
  const length = lower.length;
  if (codes.length < length) codes = new Uint16Array(Math.max(length, codes.length * 2));
  const out = codes;
  let size = 0;
  let index = 0;
  while (index < length) {
    const code = lower.charCodeAt(index);
    if (!isSpace(code)) {
      out[size++] = code;
      index++;
      continue;
    }
    let newline = false;
    while (index < length) {
      const next = lower.charCodeAt(index);
      if (!isSpace(next)) break;
      if (next === 10) newline = true;
      index++;
    }
    out[size++] = newline ? 10 : 32;
  }
  if (size === length && size > 0 && !needsRewrite(lower)) return lower;
  let result = '';
  for (let start = 0; start < size; start += 8192) {
    result += String.fromCharCode(...out.subarray(start, Math.min(size, start + 8192)));
  }
  return result;
}

/** True when a same-length collapse still changed characters (tabs, CR, NBSP, … became spaces). */
function needsRewrite(lower: string): boolean {
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if (code !== 32 && code !== 10 && isSpace(code)) return true;
  }
  return false;
}

function isWordChar(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
  }
  // Non-ASCII: letters of every script; exclude general punctuation and symbols blocks.
  return !(
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff0f) ||
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb
  );
}

/** CJK ideographs, kana and Hangul: scripts written without spaces between words. */
function isSingleCharWord(code: number): boolean {
  return (code >= 0x3040 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af);
}

/** Hashed features of one normalised text, grouped by segment. */
export interface SegmentedFeatures {
  /** Bucket indices of every feature occurrence, segment after segment (repeats kept: counts matter). */
  readonly features: Int32Array;
  /** `segmentStarts[k]` is the offset in `features` of segment k; one extra final entry. */
  readonly segmentStarts: Int32Array;
  /** Number of segments (at least 1, even for the empty text). */
  readonly segments: number;
}

let scratch = new Int32Array(1 << 14);

function grow(needed: number): void {
  if (needed <= scratch.length) return;
  let size = scratch.length;
  while (size < needed) size *= 2;
  const next = new Int32Array(size);
  next.set(scratch);
  scratch = next;
}

/**
 * Hashes every feature of the normalised text range `[from, to)` (`from` a
 * multiple of {@link SEGMENT_CHARS}; long texts are processed in chunks so
 * memory stays bounded) into a shared scratch buffer and returns views into
 * it. The returned arrays are only valid until the next call (callers that
 * keep them, such as training, copy them).
 */
export function extractFeatures(
  normalized: string,
  bits: number,
  from = 0,
  to = normalized.length,
): SegmentedFeatures {
  const length = to - from;
  const segments = Math.max(1, Math.ceil(length / SEGMENT_CHARS));
  // At most 4 character n-grams plus 2 word features per character.
  grow(length * 6 + 8);
  const out = scratch;
  const shift = 32 - bits;
  const segmentStarts = new Int32Array(segments + 1);
  let count = 0;
  let wordHash = 0;
  let wordLength = 0;
  let previousWord = 0;
  let havePrevious = false;
  const textLength = normalized.length;
  for (let position = from; position < to; position++) {
    const relative = position - from;
    if (relative % SEGMENT_CHARS === 0) segmentStarts[relative / SEGMENT_CHARS] = count;
    // Character n-grams starting here (FNV-1a, then a multiplicative mix of the top bits);
    // they may read past `to` so a chunk boundary loses no n-gram.
    let hash = FNV_OFFSET;
    const limit = Math.min(textLength, position + 5);
    for (let index = position; index < limit; index++) {
      hash = Math.imul(hash ^ normalized.charCodeAt(index), FNV_PRIME);
      const size = index - position + 1;
      if (size >= 2) out[count++] = Math.imul(hash ^ size, GOLDEN) >>> shift;
    }
    // Words end where a word character is followed by a non-word character.
    const code = normalized.charCodeAt(position);
    if (isWordChar(code)) {
      if (isSingleCharWord(code)) {
        if (wordLength > 0) {
          count = emitWord(out, count, wordHash, previousWord, havePrevious, shift);
          previousWord = wordHash;
          havePrevious = true;
        }
        const single = Math.imul(WORD_SEED ^ code, FNV_PRIME);
        count = emitWord(out, count, single, previousWord, havePrevious, shift);
        previousWord = single;
        havePrevious = true;
        wordLength = 0;
        wordHash = WORD_SEED;
      } else {
        if (wordLength === 0) wordHash = WORD_SEED;
        wordHash = Math.imul(wordHash ^ code, FNV_PRIME);
        wordLength++;
      }
    } else if (wordLength > 0) {
      count = emitWord(out, count, wordHash, previousWord, havePrevious, shift);
      previousWord = wordHash;
      havePrevious = true;
      wordLength = 0;
    }
  }
  if (wordLength > 0) count = emitWord(out, count, wordHash, previousWord, havePrevious, shift);
  segmentStarts[segments] = count;
  // Segments past the text end (only the empty text) start at the end.
  if (length === 0) segmentStarts[0] = 0;
  return { features: out.subarray(0, count), segmentStarts, segments };
}

function emitWord(
  out: Int32Array,
  count: number,
  word: number,
  previous: number,
  havePrevious: boolean,
  shift: number,
): number {
  let next = count;
  out[next++] = Math.imul(word ^ 0x1f, GOLDEN) >>> shift;
  if (havePrevious) {
    const bigram = Math.imul(Math.imul(previous, 31) ^ word ^ BIGRAM_SEED, FNV_PRIME);
    out[next++] = Math.imul(bigram ^ 0x2f, GOLDEN) >>> shift;
  }
  return next;
}

/**
 * The windows of a text with `segments` segments, as `[firstSegment, endSegment)`:
 * one window of everything for up to two segments, else each adjacent pair.
 */
export function windowCount(segments: number): number {
  return segments <= 2 ? 1 : segments - 1;
}

export function windowSegments(window: number, segments: number): readonly [number, number] {
  return segments <= 2 ? [0, segments] : [window, window + 2];
}
