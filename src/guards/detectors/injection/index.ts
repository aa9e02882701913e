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
import { normalizeForFeatures, SEGMENT_CHARS } from './features.ts';
import { scoreNormalized, sigmoid } from './model.ts';
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
    let best: InjectionScore | undefined;
    let bestLogit = -Infinity;
    for (const view of viewsOf(text)) {
      for (const excerpt of excerptsToScore(view, text)) {
        const normalized = normalizeForFeatures(excerpt.text);
        const scored = scoreNormalized(model, normalized, surface);
        if (scored.logit <= bestLogit) continue;
        bestLogit = scored.logit;
        const window = scored;
        const partial = excerpt.text.length < view.text.length;
        const value = sigmoid(window.logit);
        const rules = window.rules.map((rule) => RULES[rule]?.id ?? 'unknown');
        const reasonRules = rules.length > 0 ? `; rules: ${rules.join(', ')}` : '';
        const base = {
          score: value,
          view: view.name,
          reason: `injection score ${value.toFixed(2)} (view ${view.name}${reasonRules})`,
          rules,
        };
        if (window.windows > 1 || partial) {
          const span = originalSpan(view, excerpt, window.start, window.end);
          best = { ...base, window: span };
        } else {
          best = base;
        }
      }
    }
    return (
      best ?? {
        score: 0,
        view: 'original',
        reason: 'injection score 0.00 (view original)',
        rules: [],
      }
    );
  }

  return {
    id: 'injection',
    score,
    threshold: (surface) => thresholds[surface],
    detect(subject: Subject): readonly Finding[] {
      const result = score(subject.text, subject.surface);
      if (result.score < thresholds[subject.surface]) return [];
      const strongest = strongestRule(result.rules);
      return [
        {
          detector: 'injection',
          rule: strongest ?? 'model',
          type: 'injection',
          score: result.score,
          view: result.view,
          reason: result.reason,
        },
      ];
    },
  };
}

/** Longer derived views are scored only around their changes (see {@link excerptsToScore}). */
const MIN_EXCERPTED_CHARS = 8 * SEGMENT_CHARS;
/** Context kept on each side of a change: a whole window (two segments). */
const EXCERPT_RADIUS = 2 * SEGMENT_CHARS;

/**
 * The parts of a view worth scoring. A derived view of a long text (the
 * `normalized` or `deleet` view of a document with a few odd tokens) is
 * mostly the original again, and windows without a change score as they do
 * in the original: scoring only the changed regions, with a window of
 * context each side, keeps long texts linear instead of paying for every
 * view in full. A view identical to the original is skipped; the original,
 * decoded views and short views are scored whole.
 */
function excerptsToScore(
  view: View,
  original: string,
): readonly { readonly text: string; readonly offset: number }[] {
  const whole = [{ text: view.text, offset: 0 }];
  const map = view.map;
  if (view.name === 'original' || map === undefined || view.text.length < MIN_EXCERPTED_CHARS) {
    return whole;
  }
  const ranges: [number, number][] = [];
  let covered = 0;
  for (let index = 0; index < view.text.length; index++) {
    const from = map[index] ?? -1;
    const code = view.text.charCodeAt(index);
    const before = original.charCodeAt(from);
    // Punctuation that became other punctuation ("…" → "...", a no-break
    // space → a space) changes nothing the model reads as words.
    const unchanged =
      code === before
        ? (map[index + 1] ?? -1) === from + 1
        : !isWordCode(code) && !isWordCode(before);
    if (unchanged) continue;
    const start = Math.max(0, index - EXCERPT_RADIUS);
    const end = Math.min(view.text.length, index + EXCERPT_RADIUS);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1]) {
      covered += end - last[1];
      last[1] = end;
    } else {
      ranges.push([start, end]);
      covered += end - start;
    }
    // Mostly changed: one pass over the whole view is cheaper than many excerpts.
    if (covered * 2 > view.text.length) return whole;
  }
  return ranges.map(([start, end]) => ({ text: view.text.slice(start, end), offset: start }));
}

/** Letters and digits (any script): what n-grams, rules and concepts are made of. */
function isWordCode(code: number): boolean {
  if (code < 0x80) {
    const lower = code | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
  }
  return isLetter(code);
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
  while (index < text.length) {
    if (!startFound && normalizedOffset >= start) {
      viewStart = index;
      startFound = true;
    }
    if (normalizedOffset >= end) {
      viewEnd = index;
      break;
    }
    if (/\s/.test(text.charAt(index))) {
      while (index < text.length && /\s/.test(text.charAt(index))) index++;
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
