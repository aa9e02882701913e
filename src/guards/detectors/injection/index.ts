/**
 * The prompt-injection / jailbreak detector: a hashed n-gram logistic
 * regression with rule and attack-concept features (model.ts, rules.ts,
 * concepts.ts), trained by
 * `npm run train:injection` (docs/injection-model.md), scored over every view
 * of the text (normalised, decoded, …) and sliding windows; the max wins.
 */
import { viewsOf } from '../../normalize/view-spans.ts';
import type { View } from '../../normalize/views.ts';
import { isLetter } from '../../normalize/char-info.ts';
import type { Detector, Finding, Subject, Surface } from '../../types.ts';
import { isSpace, normalizeForFeatures, SEGMENT_CHARS } from './features.ts';
import { scoreNormalized, sigmoid, type WindowScore } from './model.ts';
import { RULES } from './rules.ts';
import { loadWeights } from './weights.ts';

export interface InjectionScore {
  /** Probability of injection or jailbreak in [0, 1], max over views and windows. */
  readonly score: number;
  /** The view that scored highest. */
  readonly view: string;
  readonly reason: string;
  /** Ids of the rules that fired in the winning window. */
  readonly rules: readonly string[];
  /**
   * The winning window in the ORIGINAL text, when the text has more than one
   * window (approximate for decoded views: their encoded run).
   */
  readonly window?: { start: number; end: number };
}

export interface InjectionDetector extends Detector {
  score(text: string, surface: Surface): InjectionScore;
  threshold(surface: Surface): number;
  /** The findings `detect` returns for a text with this score, without scoring it again. */
  findings(result: InjectionScore, surface: Surface): readonly Finding[];
}

/** The best window so far: its view, the excerpt of the view scored, and the window. */
interface Best {
  readonly view: View;
  readonly excerpt: Excerpt;
  readonly scored: WindowScore;
}

/** A part of a view scored on its own, at `offset` in the view's text. */
interface Excerpt {
  readonly text: string;
  readonly offset: number;
}

export interface InjectionDetectorOptions {
  /** Overrides of the calibrated thresholds (probabilities in [0, 1]). */
  readonly thresholds?: Partial<Record<Surface, number>>;
}

/**
 * Creates the detector. `detect` returns one whole-text finding (no span:
 * an injection is a property of the text, and redacting it replaces the whole
 * text) when the score reaches the subject surface's threshold. The `output`
 * surface uses the input threshold: the detector is normally not run there.
 */
export function createInjectionDetector(options: InjectionDetectorOptions = {}): InjectionDetector {
  const calibrated = loadWeights().thresholds;
  const thresholds: Record<Surface, number> = {
    input: options.thresholds?.input ?? calibrated.input,
    tool_output: options.thresholds?.tool_output ?? calibrated.tool_output,
    output: options.thresholds?.output ?? options.thresholds?.input ?? calibrated.input,
  };

  // One model for every surface (docs/injection-model.md); tool outputs add their own
  // concept weights, and each surface has its own threshold.
  function score(text: string, surface: Surface): InjectionScore {
    const { model } = loadWeights();
    const views = viewsOf(text);
    let best: Best | undefined;
    // Normalised excerpts already scored: the same sentence often hides in
    // several decoded views. A repeat scores what its first occurrence did,
    // which is at most the best so far, so it could never win.
    let scoredTexts: Set<string> | undefined;
    for (const view of views) {
      const bonus = obfuscationBonus(view);
      for (const excerpt of excerptsToScore(view, text, parentOf(view, views))) {
        const normalized = normalizeForFeatures(excerpt.text);
        if (bonus === 0 && views.length > 2 && normalized.length <= MAX_DEDUPLICATED_CHARS) {
          scoredTexts ??= new Set();
          if (scoredTexts.has(normalized)) continue;
          scoredTexts.add(normalized);
        }
        const plain = scoreNormalized(model, normalized, surface);
        const scored = bonus === 0 ? plain : { ...plain, logit: plain.logit + bonus };
        if (best !== undefined && scored.logit <= best.scored.logit) continue;
        best = { view, excerpt, scored };
      }
    }
    if (best === undefined) {
      return {
        score: 0,
        view: 'original',
        reason: 'injection score 0.00 (view original)',
        rules: [],
      };
    }
    // The result (reason, rule ids, original span) is built for the winner only.
    const { view, excerpt, scored } = best;
    const value = sigmoid(scored.logit);
    const rules = scored.rules.map((rule) => RULES[rule]?.id ?? 'unknown');
    const reasonRules =
      (rules.length > 0 ? `; rules: ${rules.join(', ')}` : '') +
      (obfuscationBonus(view) > 0 ? '; written in leetspeak throughout' : '');
    const base = {
      score: value,
      view: view.name,
      reason: `injection score ${value.toFixed(2)} (view ${view.name}${reasonRules})`,
      rules,
    };
    if (scored.windows > 1 || excerpt.text.length < view.text.length) {
      return { ...base, window: originalSpan(view, excerpt, scored.start, scored.end) };
    }
    return base;
  }

  return {
    id: 'injection',
    score,
    threshold: (surface) => thresholds[surface],
    detect(subject: Subject): readonly Finding[] {
      return findingsFor(score(subject.text, subject.surface), thresholds[subject.surface]);
    },
    findings: (result, surface) => findingsFor(result, thresholds[surface]),
  };
}

/**
 * Logit added to the de-leeted view of a text written in leetspeak
 * throughout. Writing a whole text so that filters cannot read it is itself
 * a sign of evasion (as invisible characters inside words are), and the
 * reading of leet is lossy ("1" is "i" or "l", numbers stay numbers), so an
 * attack loses a little of its score in the view that undoes it. Benign text
 * in leetspeak throughout is rare, and the bonus only lifts a text the model
 * already scores high: 1.5 takes 0.80 to 0.95.
 */
export const LEETSPEAK_THROUGHOUT_LOGIT = 1.5;

function obfuscationBonus(view: View): number {
  return view.name === 'deleet' && view.signals.includes('leetspeak-throughout')
    ? LEETSPEAK_THROUGHOUT_LOGIT
    : 0;
}

/** Longest normalised excerpt compared with those already scored (hashing long ones costs more than it saves). */
const MAX_DEDUPLICATED_CHARS = 2 * SEGMENT_CHARS;

/** Longer derived views are scored only around their changes (see {@link excerptsToScore}). */
const MIN_EXCERPTED_CHARS = 8 * SEGMENT_CHARS;
/** Two whitespace characters in a row: a run the normaliser collapses. */
const TWO_SPACES = /\s\s/;

/** Characters compared at once against an aligned parent view. */
const COMPARED_BLOCK = 64;
/** Context kept on each side of a change: a whole window (two segments). */
const EXCERPT_RADIUS = 2 * SEGMENT_CHARS;

/**
 * The parts of a view worth scoring. A derived view of a long text (the
 * `normalized` or `deleet` view of a document with a few odd tokens) is
 * mostly its parent again (the original, or for `deleet` the `normalized`
 * view it was made from), and windows without a change score as they do in
 * the parent: scoring only the changed regions, with a window of context
 * each side, keeps long texts linear instead of paying for every view in
 * full. A view identical to its parent is skipped; the original, decoded
 * views and short views are scored whole.
 */
function excerptsToScore(
  view: View,
  original: string,
  parent: View | undefined,
): readonly Excerpt[] {
  const map = view.map;
  if (view.name === 'original' || map === undefined || view.text.length < MIN_EXCERPTED_CHARS) {
    return [{ text: view.text, offset: 0 }];
  }
  const text = view.text;
  const ranges: [number, number][] = [];
  let covered = 0;
  const parentText = parent?.text;
  for (let index = 0; index < text.length; index++) {
    // Aligned with the parent: skip equal blocks with one native comparison.
    if (
      parentText !== undefined &&
      index % COMPARED_BLOCK === 0 &&
      text.startsWith(parentText.slice(index, index + COMPARED_BLOCK), index)
    ) {
      index += COMPARED_BLOCK - 1;
      continue;
    }
    const code = text.charCodeAt(index);
    let unchanged: boolean;
    if (parent !== undefined) {
      // Same length as the parent, character for character.
      const before = parent.text.charCodeAt(index);
      unchanged = code === before || erased(code, before);
    } else {
      const from = map[index] ?? -1;
      const before = original.charCodeAt(from);
      // One character for one: unchanged when equal or the change is erased.
      unchanged =
        (map[index + 1] ?? -1) === from + 1
          ? code === before || erased(code, before)
          : code !== before && !isWordCode(code) && !isWordCode(before);
    }
    if (unchanged) continue;
    const start = Math.max(0, index - EXCERPT_RADIUS);
    const end = Math.min(text.length, index + EXCERPT_RADIUS);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1]) {
      covered += end - last[1];
      last[1] = end;
    } else {
      ranges.push([start, end]);
      covered += end - start;
    }
    // Mostly changed: one pass over the whole view is cheaper than many excerpts.
    if (covered * 2 > text.length) return [{ text, offset: 0 }];
  }
  return ranges.map(([start, end]) => ({ text: text.slice(start, end), offset: start }));
}

/**
 * Whether replacing `before` by `code` changes nothing the model reads:
 * punctuation that became other punctuation ("…" → "...", a no-break space
 * → a space) is not part of any word, and two characters with the same
 * lowercase (the Kelvin sign and `k`) are the same after the model's casefold.
 */
function erased(code: number, before: number): boolean {
  const word = isWordCode(code);
  if (word !== isWordCode(before)) return false;
  if (!word) return true;
  return String.fromCharCode(code).toLowerCase() === String.fromCharCode(before).toLowerCase();
}

/**
 * The view a derived view was made from, when the two align character for
 * character: `deleet` replaces characters of the `normalized` view (or of
 * the original, when nothing was normalised) one for one.
 */
function parentOf(view: View, views: readonly View[]): View | undefined {
  if (view.name !== 'deleet') return undefined;
  const parent = views.find((candidate) => candidate.name === 'normalized') ?? views[0];
  return parent !== undefined && parent.text.length === view.text.length ? parent : undefined;
}

/** Letters and digits (any script): what n-grams, rules and concepts are made of. */
function isWordCode(code: number): boolean {
  if (code < 0x80) {
    const lower = code | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
  }
  return isLetter(code);
}

/**
 * One whole-text finding (no span: an injection is a property of the text,
 * and redacting it replaces the whole text) when the score reaches the threshold.
 */
function findingsFor(result: InjectionScore, threshold: number): readonly Finding[] {
  if (result.score < threshold) return [];
  return [
    {
      detector: 'injection',
      rule: strongestRule(result.rules) ?? 'model',
      type: 'injection',
      score: result.score,
      view: result.view,
      reason: result.reason,
    },
  ];
}

/** The rule listed first in `RULES` among those fired: rules are ordered by precision. */
function strongestRule(fired: readonly string[]): string | undefined {
  return RULES.find((rule) => fired.includes(rule.id))?.id;
}

/**
 * Maps a window in normalised offsets of an excerpt back to the view text (normalisation
 * only collapses whitespace; casefolding keeps lengths for almost all
 * characters), then to the original text through the view's map or origin.
 */
function originalSpan(
  view: {
    readonly map?: Int32Array;
    readonly origin?: { readonly start: number; readonly end: number };
  },
  excerpt: { readonly text: string; readonly offset: number },
  start: number,
  end: number,
): { start: number; end: number } {
  if (view.origin !== undefined) return { start: view.origin.start, end: view.origin.end };
  const text = excerpt.text;
  let normalizedOffset = 0;
  let viewStart = 0;
  let viewEnd = text.length;
  let index = 0;
  let startFound = false;
  // No whitespace run to collapse: normalised offsets are the text's own.
  if (!TWO_SPACES.test(text)) {
    viewStart = start < text.length ? start : 0;
    viewEnd = Math.min(end, text.length);
    index = text.length;
  }
  while (index < text.length) {
    if (!startFound && normalizedOffset >= start) {
      viewStart = index;
      startFound = true;
    }
    if (normalizedOffset >= end) {
      viewEnd = index;
      break;
    }
    if (isSpace(text.charCodeAt(index))) {
      while (index < text.length && isSpace(text.charCodeAt(index))) index++;
    } else {
      index++;
    }
    normalizedOffset++;
  }
  viewStart += excerpt.offset;
  viewEnd += excerpt.offset;
  const map = view.map;
  if (map === undefined) return { start: viewStart, end: viewEnd };
  return { start: map[viewStart] ?? 0, end: map[viewEnd] ?? map[map.length - 1] ?? viewEnd };
}
