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
import { SEGMENT_CHARS, extractFeatures, windowCount, windowSegments } from './features.ts';
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

/** Per-segment weight sums and occurrence counts of a normalised text. */
function segmentTotals(
  model: LinearModel,
  normalized: string,
): { sums: Float64Array; counts: Float64Array } {
  const segments = Math.max(1, Math.ceil(normalized.length / SEGMENT_CHARS));
  const sums = new Float64Array(segments);
  const counts = new Float64Array(segments);
  const weights = model.weights;
  for (let first = 0; first < segments; first += CHUNK_SEGMENTS) {
    const from = first * SEGMENT_CHARS;
    const to = Math.min(normalized.length, (first + CHUNK_SEGMENTS) * SEGMENT_CHARS);
    const extracted = extractFeatures(normalized, model.bits, from, to);
    const features = extracted.features;
    const starts = extracted.segmentStarts;
    for (let segment = 0; segment < extracted.segments; segment++) {
      const begin = starts[segment] ?? 0;
      const end = starts[segment + 1] ?? begin;
      let sum = 0;
      for (let index = begin; index < end; index++) sum += weights[features[index] ?? 0] ?? 0;
      sums[first + segment] = sum * model.scale;
      counts[first + segment] = end - begin;
    }
  }
  return { sums, counts };
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
  const { sums, counts } = segmentTotals(model, normalized);
  const segments = sums.length;
  const hits = findRuleHits(normalized);
  // Hits folded into one bit mask per segment, once: a window's masks are the
  // OR of its segments', so scoring stays linear in the text length however
  // many hits a long document has.
  const conceptMasks = segmentMasks(findConceptHits(normalized), segments, (hit) => hit.mask);
  const ruleMasks = segmentMasks(hits, segments, (hit) => 1 << hit.rule);
  const windows = windowCount(segments);
  let best = -Infinity;
  let bestWindow = 0;
  for (let window = 0; window < windows; window++) {
    const [first, end] = windowSegments(window, segments);
    let sum = 0;
    let count = 0;
    for (let segment = first; segment < end; segment++) {
      sum += sums[segment] ?? 0;
      count += counts[segment] ?? 0;
    }
    let logit = model.bias + (count > 0 ? sum / Math.sqrt(count) : 0);
    const mask = orOf(conceptMasks, first, end);
    const dense = model.dense;
    let denseLogit = dense === undefined ? -Infinity : dense.bias;
    let floored = false;
    for (const feature of conceptFeatures(mask)) {
      logit += model.conceptWeights[feature] ?? 0;
      if (toolOffset > 0) logit += model.conceptWeights[toolOffset + feature] ?? 0;
      if (dense !== undefined) denseLogit += dense.conceptWeights[feature] ?? 0;
      if (model.floorConcepts.includes(feature)) floored = true;
      if (toolOffset > 0 && model.toolFloorConcepts.includes(feature)) floored = true;
    }
    for (const rule of bitsOf(orOf(ruleMasks, first, end))) {
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

/** One mask per segment: the OR of `bits(hit)` over the hits starting in it. */
function segmentMasks<Hit extends { readonly at: number }>(
  hits: readonly Hit[],
  segments: number,
  bits: (hit: Hit) => number,
): Int32Array {
  const masks = new Int32Array(segments);
  for (const hit of hits) {
    const segment = Math.min(segments - 1, Math.floor(hit.at / SEGMENT_CHARS));
    masks[segment] = (masks[segment] ?? 0) | bits(hit);
  }
  return masks;
}

function orOf(masks: Int32Array, first: number, end: number): number {
  let mask = 0;
  for (let segment = first; segment < end; segment++) mask |= masks[segment] ?? 0;
  return mask;
}

/** The set bits of a rule mask, ascending (rule order). */
function bitsOf(mask: number): number[] {
  const bits: number[] = [];
  for (let bit = 0; mask >>> bit !== 0; bit++) if (((mask >>> bit) & 1) === 1) bits.push(bit);
  return bits;
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
