/**
 * The injection model: a hashed n-gram logistic regression with rule
 * features, scored over sliding windows. Shared by inference and training
 * (the training script scores with the same functions), so the score the
 * calibration saw is the score the gateway computes.
 *
 * A window's logit is
 *   bias + (Σ weights of its n-gram occurrences) / sqrt(occurrence count)
 *        + Σ weights of the rules with a hit starting in the window
 *        + Σ weights of the window's concept features (concepts.ts; tool
 *          outputs add a second, tool-only set).
 * The n-gram and rule sums add over segments, so each segment is hashed once and windows
 * are formed from adjacent segment totals. The text's score is the max over
 * windows: one injected paragraph in a long document is not diluted.
 */
import {
  SEGMENT_CHARS,
  extractFeatures,
  segmentWeightSums,
  windowCount,
  windowSegments,
} from './features.ts';
import { CONCEPT_FEATURES, conceptFeatures, conceptMask, findConceptHits } from './concepts.ts';
import { RULES, findRuleHits } from './rules.ts';

export interface LinearModel {
  /** log2 of the number of hashed buckets. */
  readonly bits: number;
  /**
   * One weight per bucket, times `scale`. The shipped model keeps its int8
   * buckets (256 KB stays in cache; a float copy would be 1 MB).
   */
  readonly weights: Int8Array | Float32Array;
  readonly scale: number;
  readonly bias: number;
  /** One weight per rule, in `RULES` order. */
  readonly ruleWeights: ArrayLike<number>;
  /**
   * One weight per concept feature, in `CONCEPT_FEATURE_IDS` order
   * (concepts.ts); optionally followed by a second set added only for tool
   * outputs, where text addressing the assistant is out of place.
   */
  readonly conceptWeights: ArrayLike<number>;
  /**
   * Indices into `RULES` of the highest-precision rules: a window where one
   * fires scores at least `floorLogit`. Learned rule weights stay small next
   * to the n-gram weights of an unseen language or style; the floor is what
   * made explicit overrides in unseen languages count (docs/injection-model.md).
   */
  readonly floorRules: readonly number[];
  readonly floorLogit: number;
  /**
   * Indices into `CONCEPT_FEATURE_IDS` that set the same floor: an override
   * verb next to an instruction noun, in any language of the lexicon.
   */
  readonly floorConcepts: readonly number[];
  /** Concept features that set the floor in tool outputs only (e.g. an action next to an address). */
  readonly toolFloorConcepts: readonly number[];
  /**
   * A second, dense model over the rule and concept features only (no
   * n-grams), trained on its own; a window scores the max of the two
   * logits. With no n-grams it cannot learn a source's style, so an attack
   * in an unseen style or language that states its intent still scores
   * (docs/injection-model.md).
   */
  readonly dense?: DenseModel;
}

/** The dense rule + concept model (see `LinearModel.dense`). */
export interface DenseModel {
  readonly bias: number;
  readonly ruleWeights: ArrayLike<number>;
  readonly conceptWeights: ArrayLike<number>;
}

/** The best window of one normalised text. */
export interface WindowScore {
  readonly logit: number;
  /** Normalised-text offsets of the winning window. */
  readonly start: number;
  readonly end: number;
  /** Indices into `RULES` of the rules that fired in the winning window. */
  readonly rules: readonly number[];
  /** Number of windows scored. */
  readonly windows: number;
}

/** Segments hashed per pass, bounding the scratch buffer for very long texts. */
const CHUNK_SEGMENTS = 64;

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

/**
 * Per-segment buffers reused by every {@link scoreNormalized} call (it is
 * synchronous and keeps no reference to them), grown for longer texts.
 */
let scratch = segmentBuffers(64);

function segmentBuffers(size: number): {
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  readonly conceptMasks: Int32Array;
  readonly ruleMasks: Int32Array;
} {
  return {
    sums: new Float64Array(size),
    counts: new Float64Array(size),
    conceptMasks: new Int32Array(size),
    ruleMasks: new Int32Array(size),
  };
}

/** Per-segment weight sums and occurrence counts of a normalised text, into `sums` and `counts`. */
function segmentTotals(
  model: LinearModel,
  normalized: string,
  segments: number,
  sums: Float64Array,
  counts: Float64Array,
): void {
  // Chunked as `extractFeatures` is in training (words restart at each chunk),
  // so the totals are exactly those of the features training sees.
  for (let first = 0; first < segments; first += CHUNK_SEGMENTS) {
    const from = first * SEGMENT_CHARS;
    const to = Math.min(normalized.length, (first + CHUNK_SEGMENTS) * SEGMENT_CHARS);
    segmentWeightSums(normalized, model.bits, model.weights, from, to, first, sums, counts);
  }
  const scale = model.scale;
  for (let segment = 0; segment < segments; segment++) {
    sums[segment] = (sums[segment] ?? 0) * scale;
  }
}

/** Scores every window of a normalised text (see `normalizeForFeatures`) and returns the best. */
export function scoreNormalized(
  model: LinearModel,
  normalized: string,
  surface: 'input' | 'tool_output' | 'output' = 'input',
): WindowScore {
  const toolOffset =
    surface === 'tool_output' && model.conceptWeights.length >= 2 * CONCEPT_FEATURES
      ? CONCEPT_FEATURES
      : -1;
  const segments = Math.max(1, Math.ceil(normalized.length / SEGMENT_CHARS));
  if (scratch.sums.length < segments)
    scratch = segmentBuffers(Math.max(segments, 2 * scratch.sums.length));
  const { sums, counts, conceptMasks, ruleMasks } = scratch;
  segmentTotals(model, normalized, segments, sums, counts);
  const hits = findRuleHits(normalized);
  // Hits folded into one bit mask per segment, once: a window's masks are the
  // OR of its segments', so scoring stays linear in the text length however
  // many hits a long document has.
  conceptMasks.fill(0, 0, segments);
  for (const hit of findConceptHits(normalized)) {
    const segment = Math.min(segments - 1, Math.floor(hit.at / SEGMENT_CHARS));
    conceptMasks[segment] = (conceptMasks[segment] ?? 0) | hit.mask;
  }
  ruleMasks.fill(0, 0, segments);
  for (const hit of hits) {
    const segment = Math.min(segments - 1, Math.floor(hit.at / SEGMENT_CHARS));
    ruleMasks[segment] = (ruleMasks[segment] ?? 0) | (1 << hit.rule);
  }
  const windows = windowCount(segments);
  const span = segments <= 2 ? segments : 2;
  const dense = model.dense;
  let best = -Infinity;
  let bestWindow = 0;
  for (let window = 0; window < windows; window++) {
    const first = segments <= 2 ? 0 : window;
    const end = first + span;
    let sum = 0;
    let count = 0;
    let conceptMask = 0;
    let ruleMask = 0;
    for (let segment = first; segment < end; segment++) {
      sum += sums[segment] ?? 0;
      count += counts[segment] ?? 0;
      conceptMask |= conceptMasks[segment] ?? 0;
      ruleMask |= ruleMasks[segment] ?? 0;
    }
    let logit = model.bias + (count > 0 ? sum / Math.sqrt(count) : 0);
    let denseLogit = dense === undefined ? -Infinity : dense.bias;
    let floored = false;
    if (conceptMask !== 0) {
      for (const feature of cachedConceptFeatures(conceptMask)) {
        logit += model.conceptWeights[feature] ?? 0;
        if (toolOffset > 0) logit += model.conceptWeights[toolOffset + feature] ?? 0;
        if (dense !== undefined) denseLogit += dense.conceptWeights[feature] ?? 0;
        if (model.floorConcepts.includes(feature)) floored = true;
        if (toolOffset > 0 && model.toolFloorConcepts.includes(feature)) floored = true;
      }
    }
    for (let rule = 0; ruleMask >>> rule !== 0; rule++) {
      if (((ruleMask >>> rule) & 1) === 0) continue;
      logit += model.ruleWeights[rule] ?? 0;
      if (dense !== undefined) denseLogit += dense.ruleWeights[rule] ?? 0;
      if (model.floorRules.includes(rule)) floored = true;
    }
    logit = Math.max(logit, denseLogit);
    if (floored) logit = Math.max(logit, model.floorLogit);
    if (logit > best) {
      best = logit;
      bestWindow = window;
    }
  }
  const [first, end] = windowSegments(bestWindow, segments);
  const start = first * SEGMENT_CHARS;
  const stop = Math.min(normalized.length, end * SEGMENT_CHARS);
  return {
    logit: best,
    start,
    end: stop,
    rules: firedRules(hits, start, end * SEGMENT_CHARS),
    windows,
  };
}

/** Concept masks repeat (most windows have none or the same few): their feature lists are kept. */
const conceptFeatureCache = new Map<number, readonly number[]>();
const CONCEPT_CACHE_LIMIT = 4096;

function cachedConceptFeatures(mask: number): readonly number[] {
  let features = conceptFeatureCache.get(mask);
  if (features === undefined) {
    if (conceptFeatureCache.size >= CONCEPT_CACHE_LIMIT) conceptFeatureCache.clear();
    features = conceptFeatures(mask);
    conceptFeatureCache.set(mask, features);
  }
  return features;
}

/** Distinct rules with a hit starting in `[start, end)`, in rule order. */
function firedRules(
  hits: readonly { readonly rule: number; readonly at: number }[],
  start: number,
  end: number,
): number[] {
  if (hits.length === 0) return [];
  const seen = new Uint8Array(RULES.length);
  for (const hit of hits) if (hit.at >= start && hit.at < end) seen[hit.rule] = 1;
  const fired: number[] = [];
  seen.forEach((flag, rule) => {
    if (flag === 1) fired.push(rule);
  });
  return fired;
}

/** One window as a sparse vector, for training. */
export interface SparseWindow {
  /** Distinct bucket indices, ascending. */
  readonly indices: Int32Array;
  /** Occurrence count of each bucket divided by sqrt(total occurrences): the model's input. */
  readonly values: Float32Array;
  /** Indices into `RULES` of the rules that fired in the window. */
  readonly rules: readonly number[];
  /** Indices into `CONCEPT_FEATURE_IDS` of the concept features on in the window. */
  readonly concepts: readonly number[];
}

/**
 * The windows of a normalised text as sparse vectors, exactly as
 * `scoreNormalized` sees them (same segments, same normaliser).
 */
export function sparseWindows(normalized: string, bits: number): SparseWindow[] {
  const segments = Math.max(1, Math.ceil(normalized.length / SEGMENT_CHARS));
  const perSegment: Int32Array[] = [];
  for (let first = 0; first < segments; first += CHUNK_SEGMENTS) {
    const from = first * SEGMENT_CHARS;
    const to = Math.min(normalized.length, (first + CHUNK_SEGMENTS) * SEGMENT_CHARS);
    const extracted = extractFeatures(normalized, bits, from, to);
    for (let segment = 0; segment < extracted.segments; segment++) {
      const begin = extracted.segmentStarts[segment] ?? 0;
      const end = extracted.segmentStarts[segment + 1] ?? begin;
      perSegment.push(extracted.features.slice(begin, end));
    }
  }
  const hits = findRuleHits(normalized);
  const conceptHits = findConceptHits(normalized);
  const windows: SparseWindow[] = [];
  for (let window = 0; window < windowCount(segments); window++) {
    const [first, end] = windowSegments(window, segments);
    let total = 0;
    for (let segment = first; segment < end; segment++) total += perSegment[segment]?.length ?? 0;
    const all = new Int32Array(total);
    let offset = 0;
    for (let segment = first; segment < end; segment++) {
      const part = perSegment[segment] ?? new Int32Array(0);
      all.set(part, offset);
      offset += part.length;
    }
    all.sort();
    let distinct = 0;
    for (let index = 0; index < total; index++) {
      if (index === 0 || all[index] !== all[index - 1]) distinct++;
    }
    const indices = new Int32Array(distinct);
    const values = new Float32Array(distinct);
    const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
    let slot = -1;
    for (let index = 0; index < total; index++) {
      if (index === 0 || all[index] !== all[index - 1]) {
        slot++;
        indices[slot] = all[index] ?? 0;
      }
      values[slot] = (values[slot] ?? 0) + norm;
    }
    windows.push({
      indices,
      values,
      rules: firedRules(hits, first * SEGMENT_CHARS, end * SEGMENT_CHARS),
      concepts: conceptFeatures(
        conceptMask(conceptHits, first * SEGMENT_CHARS, end * SEGMENT_CHARS),
      ),
    });
  }
  return windows;
}
