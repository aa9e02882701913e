/**
 * Leave-sources-out evaluation. Sources are grouped into folds; each fold's
 * model is trained without any example built from that fold's sources
 * (including augmented texts that used one as carrier) and scores them, so
 * every score is out-of-fold. The pooled out-of-fold benign scores calibrate
 * the shipped thresholds; the per-source rows show generalisation to unseen
 * attack sources and benign styles.
 *
 * The synthetic texts (scripts/injection/synthetic/) are in training for
 * every fold that holds out real sources, so the real sources' out-of-fold
 * figures measure what the synthetic data adds. They are held out only by a
 * fold of their own (a model trained on the real data alone), never enter
 * threshold calibration and never count in the pooled real-source figures;
 * the report shows them apart.
 */
import { buildViews } from '../../src/guards/normalize/views.ts';
import { normalizeForFeatures } from '../../src/guards/detectors/injection/features.ts';
import { scoreNormalized, type LinearModel } from '../../src/guards/detectors/injection/model.ts';
import { isSynthetic, SYNTHETIC_SOURCES, type Example } from './data.ts';
import { auc, rateAt, thresholdAtFpr, type Scored } from './metrics.ts';
import { exampleWeights, trainModel, type Featurized, type TrainOptions } from './train.ts';

/** Fold groups: each mixes attack sources and benign styles so every fold has both. */
export const FOLDS: readonly (readonly string[])[] = [
  ['jailbreak_llms', 'gsm8k', 'docs_security', 'awesome_prompts_zh', 'hardneg_a'],
  ['jbb_artifacts', 'promptinject', 'clinc_oos', 'fabric_patterns'],
  ['gptfuzz', 'pyrit', 'garak', 'pallms', 'wildguard_benign', 'generated_attacks'],
  ['cyberseceval_pi', 'deepset', 'pint_example', 'xquad', 'xstest', 'self_instruct'],
  ['bipia', 'fuzzyai_benign', 'docs_general', 'hardneg_b'],
  ['injecagent', 'agentdojo', 'awesome_prompts', 'wikitables'],
  // Scores the synthetic texts with a model of the real data only (reported apart).
  SYNTHETIC_SOURCES,
];

/** Max logit over the text's views and windows: what the detector computes. */
export function scoreText(
  model: LinearModel,
  text: string,
  surface: 'input' | 'tool_output' = 'input',
): { logit: number; view: string } {
  let best = -Infinity;
  let view = 'original';
  for (const candidate of buildViews(text)) {
    const { logit } = scoreNormalized(model, normalizeForFeatures(candidate.text), surface);
    if (logit > best) {
      best = logit;
      view = candidate.name;
    }
  }
  return { logit: best, view };
}

export interface OutOfFold {
  readonly example: Example;
  readonly logit: number;
  readonly fold: number;
}

export function outOfFoldScores(
  items: readonly Featurized[],
  options: TrainOptions,
  log: (line: string) => void,
): OutOfFold[] {
  const results: OutOfFold[] = [];
  FOLDS.forEach((fold, foldIndex) => {
    const held = new Set(fold);
    const training = items.filter(
      ({ example }) =>
        !example.contextDependent && !example.sources.some((source) => held.has(source)),
    );
    const model = trainModel(training, exampleWeights(training, options), options);
    let tested = 0;
    for (const { example } of items) {
      if (!held.has(example.source) || example.kind === 'augmented') continue;
      results.push({
        example,
        logit: scoreText(model, example.text, example.surface).logit,
        fold: foldIndex,
      });
      tested++;
    }
    log(`fold ${foldIndex} [${fold.join(', ')}]: trained on ${training.length}, scored ${tested}`);
  });
  return results;
}

/** Pooled benign weights: a source counts as at most `cap` items, so no style dominates. */
export function pooledWeights<T extends { readonly example: Example }>(
  items: readonly T[],
  cap: number,
): Map<T, number> {
  const counts = new Map<string, number>();
  for (const { example } of items)
    counts.set(example.source, (counts.get(example.source) ?? 0) + 1);
  const weights = new Map<T, number>();
  for (const item of items) {
    weights.set(item, Math.min(1, cap / (counts.get(item.example.source) ?? 1)));
  }
  return weights;
}

export function toScored<T extends { readonly logit: number; readonly example: Example }>(
  items: readonly T[],
  weights?: Map<T, number>,
): Scored[] {
  return items.map((item) => ({ score: item.logit, weight: weights?.get(item) ?? 1 }));
}

export interface Calibration {
  /** Logit thresholds. */
  readonly input: number;
  readonly inputStrict: number;
  readonly toolOutput: number;
  readonly inputPool: Scored[];
  readonly toolPool: Scored[];
}

export const POOL_CAP = 1000;

/** Calibrates on the real benign pools only: synthetic hard negatives would flatter the thresholds. */
export function calibrate(scores: readonly OutOfFold[]): Calibration {
  const real = scores.filter((item) => !isSynthetic(item.example));
  const benignInput = real.filter(
    (item) => item.example.label === 0 && item.example.surface === 'input',
  );
  const benignTool = real.filter(
    (item) => item.example.label === 0 && item.example.surface === 'tool_output',
  );
  const inputPool = toScored(benignInput, pooledWeights(benignInput, POOL_CAP));
  const toolPool = toScored(benignTool, pooledWeights(benignTool, POOL_CAP));
  return {
    input: thresholdAtFpr(inputPool, 0.01),
    inputStrict: thresholdAtFpr(inputPool, 0.001),
    toolOutput: thresholdAtFpr(toolPool, 0.005),
    inputPool,
    toolPool,
  };
}

const percent = (value: number): string =>
  Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)}%`;

/** The markdown report: per left-out source, pooled figures and the targets. */
export function report(scores: readonly OutOfFold[], calibration: Calibration): string {
  const lines: string[] = [];
  const bySource = new Map<string, OutOfFold[]>();
  for (const item of scores) {
    const list = bySource.get(item.example.source) ?? [];
    list.push(item);
    bySource.set(item.example.source, list);
  }
  const strictTool = thresholdAtFpr(calibration.toolPool, 0.001);
  lines.push('| left-out attack source | fold | surface | n | AUC | TPR @1% FPR | TPR @0.1% FPR |');
  lines.push('|---|---|---|---|---|---|---|');
  const allInputAttacks: OutOfFold[] = [];
  const allToolAttacks: OutOfFold[] = [];
  for (const [source, items] of [...bySource].sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    for (const [surface, contextDependent] of [
      ['input', false],
      ['input', true],
      ['tool_output', false],
    ] as const) {
      const attacks = items.filter(
        (item) =>
          item.example.label === 1 &&
          item.example.surface === surface &&
          item.example.contextDependent === contextDependent,
      );
      if (attacks.length === 0) continue;
      if (SYNTHETIC_SOURCES.includes(source)) {
        // Reported, not pooled: synthetic texts are scored by the real-data-only model.
      } else if (contextDependent) {
        // Reported, not pooled: these are attacks only against their paired system prompt.
      } else if (surface === 'input') allInputAttacks.push(...attacks);
      else allToolAttacks.push(...attacks);
      const label = contextDependent ? `${source} (context-dependent cases)` : source;
      const pool = surface === 'input' ? calibration.inputPool : calibration.toolPool;
      const at1 =
        surface === 'input' ? calibration.input : thresholdAtFpr(calibration.toolPool, 0.01);
      const at01 = surface === 'input' ? calibration.inputStrict : strictTool;
      const positives = toScored(attacks);
      lines.push(
        `| ${label} | ${attacks[0]?.fold ?? ''} | ${surface} | ${attacks.length} | ${auc(positives, pool).toFixed(4)} | ${percent(rateAt(positives, at1))} | ${percent(rateAt(positives, at01))} |`,
      );
    }
  }
  const inputPositives = toScored(allInputAttacks);
  const toolPositives = toScored(allToolAttacks);
  lines.push('');
  lines.push(
    '| pooled (out-of-fold) | AUC | TPR @1% FPR | TPR @0.1% FPR | tool-output recall @0.5% FPR |',
  );
  lines.push('|---|---|---|---|---|');
  lines.push(
    `| input prompts (${allInputAttacks.length} attacks vs input benign pool) | ${auc(inputPositives, calibration.inputPool).toFixed(4)} | ${percent(rateAt(inputPositives, calibration.input))} | ${percent(rateAt(inputPositives, calibration.inputStrict))} | |`,
  );
  lines.push(
    `| tool outputs (${allToolAttacks.length} injected vs tool-output benign pool) | ${auc(toolPositives, calibration.toolPool).toFixed(4)} | | | ${percent(rateAt(toolPositives, calibration.toolOutput))} |`,
  );
  // BIPIA's injections are ordinary requests, injections only relative to the user's task
  // (MANIFEST): shown apart so they do not hide the context-free tool-output figure.
  const withoutBipia = allToolAttacks.filter((item) => item.example.source !== 'bipia');
  const withoutBipiaPositives = toScored(withoutBipia);
  lines.push(
    `| tool outputs without BIPIA (${withoutBipia.length} injected) | ${auc(withoutBipiaPositives, calibration.toolPool).toFixed(4)} | | | ${percent(rateAt(withoutBipiaPositives, calibration.toolOutput))} |`,
  );
  // Without our own template attacks: dataset sources only.
  const datasetInput = toScored(
    allInputAttacks.filter((item) => item.example.source !== 'generated_attacks'),
  );
  lines.push(
    `| input prompts, dataset sources only (${datasetInput.length} attacks, without generated_attacks) | ${auc(datasetInput, calibration.inputPool).toFixed(4)} | ${percent(rateAt(datasetInput, calibration.input))} | ${percent(rateAt(datasetInput, calibration.inputStrict))} | |`,
  );
  lines.push('');
  lines.push('| benign source (out-of-fold) | surface | n | flagged at its surface threshold |');
  lines.push('|---|---|---|---|');
  for (const [source, items] of [...bySource].sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    for (const surface of ['input', 'tool_output'] as const) {
      const benign = items.filter(
        (item) => item.example.label === 0 && item.example.surface === surface,
      );
      if (benign.length === 0) continue;
      const threshold = surface === 'input' ? calibration.input : calibration.toolOutput;
      lines.push(
        `| ${source} | ${surface} | ${benign.length} | ${percent(rateAt(toScored(benign), threshold))} |`,
      );
    }
  }
  lines.push('');
  lines.push(syntheticReport(scores, calibration));
  const trigger = scores.filter(
    (item) => item.example.source === 'hardneg_a' || item.example.source === 'hardneg_b',
  );
  lines.push('');
  lines.push(
    `Trigger-word benign prompts (generated, out-of-fold, ${trigger.length}): ${percent(1 - rateAt(toScored(trigger), calibration.input))} pass at the input threshold.`,
  );
  const nonEnglishAll = scores.filter(
    (item) =>
      item.example.label === 1 && item.example.lang !== 'en' && item.example.kind === 'original',
  );
  lines.push(
    `Non-English attacks including context-dependent ones (${nonEnglishAll.length}): ${percent(rateAt(toScored(nonEnglishAll), calibration.input))} recall at the input threshold.`,
  );
  const nonEnglish = nonEnglishAll.filter((item) => !item.example.contextDependent);
  const byLang = new Map<string, OutOfFold[]>();
  for (const item of nonEnglish) {
    const list = byLang.get(item.example.lang) ?? [];
    list.push(item);
    byLang.set(item.example.lang, list);
  }
  lines.push(
    `Non-English context-free attacks (out-of-fold, ${nonEnglish.length}): ${percent(rateAt(toScored(nonEnglish), calibration.input))} recall at the input threshold; per language: ` +
      [...byLang]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(
          ([lang, items]) =>
            `${lang} ${percent(rateAt(toScored(items), calibration.input))} (${items.length})`,
        )
        .join(', ') +
      '.',
  );
  return lines.join('\n');
}

/**
 * The synthetic texts, scored by the model trained on the real data alone
 * (their own fold), at the real-pool thresholds: per family, the share at or
 * above the surface threshold (recall for attack families, flagged rate for
 * benign ones), per-language families pooled over their languages.
 */
function syntheticReport(scores: readonly OutOfFold[], calibration: Calibration): string {
  const byFamily = new Map<string, OutOfFold[]>();
  for (const item of scores) {
    if (!isSynthetic(item.example)) continue;
    // Per-language families (`…-de`) are pooled over their languages.
    const family = item.example.family ?? '';
    const suffix = `-${item.example.lang}`;
    const base = family.endsWith(suffix) ? family.slice(0, -suffix.length) : family;
    const key = `${item.example.source}/${base}`;
    const list = byFamily.get(key) ?? [];
    list.push(item);
    byFamily.set(key, list);
  }
  if (byFamily.size === 0) return 'Synthetic texts: none.';
  const parts = [...byFamily]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([family, items]) => {
      const first = items[0]?.example;
      const threshold =
        first?.surface === 'tool_output' ? calibration.toolOutput : calibration.input;
      const kind = first?.label === 1 ? 'caught' : 'flagged';
      return `${family} ${percent(rateAt(toScored(items), threshold))} ${kind} (${items.length})`;
    });
  return `Synthetic families, scored by the real-data-only model (not pooled, not calibrated on): ${parts.join('; ')}.`;
}
