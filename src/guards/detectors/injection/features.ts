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
export function isSpace(code: number): boolean {
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

/**
 * Casefolds and collapses whitespace (a run containing a line break becomes
 * `\n`, any other run one space). `toLowerCase` is one native call; the rare
 * characters whose lowercase has another length (e.g. U+0130) only shift
 * offsets, which are used for reporting windows, never for scoring. The
 * collapse copies the stretches between whitespace runs that need a rewrite
 * (a lone space or line break stays as it is), so a text with none returns
 * the casefolded string itself.
 */
export function normalizeForFeatures(text: string): string {
  const lower = text.toLowerCase();
  const length = lower.length;
  let result = '';
  let copied = 0;
  let index = 0;
  while (index < length) {
    const code = lower.charCodeAt(index);
    if (!isSpace(code)) {
      index++;
      continue;
    }
    const start = index;
    let newline = code === 10;
    index++;
    while (index < length) {
      const next = lower.charCodeAt(index);
      if (!isSpace(next)) break;
      if (next === 10) newline = true;
      index++;
    }
    // A lone space or line break is already its own collapse.
    if (index - start === 1 && (code === 32 || code === 10)) continue;
    result += lower.slice(copied, start) + (newline ? '\n' : ' ');
    copied = index;
  }
  if (copied === 0) return lower;
  return result + lower.slice(copied);
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

/**
 * The weight sum and occurrence count per segment of the features
 * {@link extractFeatures} hashes from `[from, to)`, without materialising
 * them: inference needs only these totals. Features are visited in the same
 * order and the same chunk state (words restart at `from`), so each sum is
 * bit-for-bit the sum of `weights[feature]` over `extractFeatures(…)`'s
 * features of the segment, added in order. Writes segment `k` of the range
 * to `sums[first + k]` and `counts[first + k]`, unscaled.
 */
export function segmentWeightSums(
  normalized: string,
  bits: number,
  weights: ArrayLike<number>,
  from: number,
  to: number,
  first: number,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const shift = 32 - bits;
  const textLength = normalized.length;
  let sum = 0;
  let count = 0;
  let segment = first;
  let untilSegmentEnd = SEGMENT_CHARS;
  let wordHash = 0;
  let wordLength = 0;
  let previousWord = 0;
  let havePrevious = false;
  // The five characters an n-gram starting at `position` reads (-1 past the text end).
  const at = (index: number): number => (index < textLength ? normalized.charCodeAt(index) : -1);
  let next1 = at(from + 1);
  let next2 = at(from + 2);
  let next3 = at(from + 3);
  let next4 = at(from + 4);
  let code = at(from);
  for (let position = from; position < to; position++) {
    if (untilSegmentEnd === 0) {
      sums[segment] = sum;
      counts[segment] = count;
      segment++;
      sum = 0;
      count = 0;
      untilSegmentEnd = SEGMENT_CHARS;
    }
    untilSegmentEnd--;
    // Character 2- to 5-grams starting here, in size order (FNV-1a, then a
    // multiplicative mix of the top bits); they may read past `to`.
    if (next1 >= 0) {
      let hash = Math.imul(Math.imul(FNV_OFFSET ^ code, FNV_PRIME) ^ next1, FNV_PRIME);
      sum += weights[Math.imul(hash ^ 2, GOLDEN) >>> shift] ?? 0;
      count++;
      if (next2 >= 0) {
        hash = Math.imul(hash ^ next2, FNV_PRIME);
        sum += weights[Math.imul(hash ^ 3, GOLDEN) >>> shift] ?? 0;
        count++;
        if (next3 >= 0) {
          hash = Math.imul(hash ^ next3, FNV_PRIME);
          sum += weights[Math.imul(hash ^ 4, GOLDEN) >>> shift] ?? 0;
          count++;
          if (next4 >= 0) {
            hash = Math.imul(hash ^ next4, FNV_PRIME);
            sum += weights[Math.imul(hash ^ 5, GOLDEN) >>> shift] ?? 0;
            count++;
          }
        }
      }
    }
    if (isWordChar(code)) {
      if (isSingleCharWord(code)) {
        if (wordLength > 0) {
          sum = addWord(weights, sum, wordHash, previousWord, havePrevious, shift);
          count += havePrevious ? 2 : 1;
          previousWord = wordHash;
          havePrevious = true;
        }
        const single = Math.imul(WORD_SEED ^ code, FNV_PRIME);
        sum = addWord(weights, sum, single, previousWord, havePrevious, shift);
        count += havePrevious ? 2 : 1;
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
      sum = addWord(weights, sum, wordHash, previousWord, havePrevious, shift);
      count += havePrevious ? 2 : 1;
      previousWord = wordHash;
      havePrevious = true;
      wordLength = 0;
    }
    code = next1;
    next1 = next2;
    next2 = next3;
    next3 = next4;
    next4 = at(position + 5);
  }
  if (wordLength > 0) {
    sum = addWord(weights, sum, wordHash, previousWord, havePrevious, shift);
    count += havePrevious ? 2 : 1;
  }
  sums[segment] = sum;
  counts[segment] = count;
}

/**
 * `sum` plus the weights of a word's unigram and (with a previous word)
 * bigram, added one at a time in {@link emitWord}'s order so float sums match.
 */
function addWord(
  weights: ArrayLike<number>,
  sum: number,
  word: number,
  previous: number,
  havePrevious: boolean,
  shift: number,
): number {
  let next = sum + (weights[Math.imul(word ^ 0x1f, GOLDEN) >>> shift] ?? 0);
  if (havePrevious) {
    const bigram = Math.imul(Math.imul(previous, 31) ^ word ^ BIGRAM_SEED, FNV_PRIME);
    next += weights[Math.imul(bigram ^ 0x2f, GOLDEN) >>> shift] ?? 0;
  }
  return next;
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
