/**
 * The prompt-injection / jailbreak detector: a hashed n-gram logistic
 * regression with rule and attack-concept features (model.ts, rules.ts,
 * concepts.ts), trained by
 * `npm run train:injection` (docs/injection-model.md), scored over every view
 * of the text (normalised, decoded, …) and sliding windows; the max wins.
 */
import { viewsOf } from '../../normalize/view-spans.ts';
import type { Detector, Finding, Subject, Surface } from '../../types.ts';
import { normalizeForFeatures } from './features.ts';
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
      const normalized = normalizeForFeatures(view.text);
      const window = scoreNormalized(model, normalized, surface);
      if (window.logit <= bestLogit) continue;
      bestLogit = window.logit;
      const value = sigmoid(window.logit);
      const rules = window.rules.map((rule) => RULES[rule]?.id ?? 'unknown');
      const reasonRules = rules.length > 0 ? `; rules: ${rules.join(', ')}` : '';
      const base = {
        score: value,
        view: view.name,
        reason: `injection score ${value.toFixed(2)} (view ${view.name}${reasonRules})`,
        rules,
      };
      if (window.windows > 1) {
        const span = originalSpan(view, view.text, window.start, window.end);
        best = { ...base, window: span };
      } else {
        best = base;
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

/** The rule listed first in `RULES` among those fired: rules are ordered by precision. */
function strongestRule(fired: readonly string[]): string | undefined {
  return RULES.find((rule) => fired.includes(rule.id))?.id;
}

/**
 * Maps a window in normalised offsets back to the view text (normalisation
 * only collapses whitespace; casefolding keeps lengths for almost all
 * characters), then to the original text through the view's map or origin.
 */
function originalSpan(
  view: {
    readonly map?: Int32Array;
    readonly origin?: { readonly start: number; readonly end: number };
  },
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  if (view.origin !== undefined) return { start: view.origin.start, end: view.origin.end };
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
  const map = view.map;
  if (map === undefined) return { start: viewStart, end: viewEnd };
  return { start: map[viewStart] ?? 0, end: map[viewEnd] ?? map[map.length - 1] ?? viewEnd };
}
