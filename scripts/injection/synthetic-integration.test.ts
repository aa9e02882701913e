import { describe, expect, it } from 'vitest';
import { syntheticExamples, type Example } from './data.ts';
import { calibrate, FOLDS, type OutOfFold } from './evaluate.ts';
import type { SyntheticText } from './synthetic/types.ts';
import { DEFAULT_TRAIN_OPTIONS, exampleWeights } from './train.ts';

function synthetic(text: string, family: string, label: 0 | 1 = 1): SyntheticText {
  return { text, label, surface: 'input', family, lang: 'en' };
}

function real(text: string, source: string, label: 0 | 1): Example {
  return {
    text,
    label,
    source,
    sources: [source],
    surface: 'input',
    lang: 'en',
    kind: 'original',
    contextDependent: false,
  };
}

describe('synthetic data in training', () => {
  it('maps synthetic texts to generated examples, dropping dataset texts and duplicates', () => {
    const examples = syntheticExamples(
      [synthetic('a', 'f1'), synthetic('a', 'f1'), synthetic('b', 'f2'), synthetic('seen', 'f2')],
      'synthetic_en',
      new Set(['seen']),
    );
    expect(examples.map((example) => example.text)).toEqual(['a', 'b']);
    expect(examples[0]).toMatchObject({
      source: 'synthetic_en',
      sources: ['synthetic_en'],
      kind: 'generated',
      family: 'f1',
      contextDependent: false,
    });
  });

  it('caps each synthetic family and scales it by the synthetic weight', () => {
    const family = syntheticExamples(
      Array.from({ length: 4 }, (_, index) => synthetic(`text ${String(index)}`, 'f', 0)),
      'synthetic_en',
      new Set(),
    );
    const items = [...family, real('benign', 'clinc_oos', 0)].map((example) => ({
      example,
      windows: [],
    }));
    const weights = exampleWeights(items, {
      ...DEFAULT_TRAIN_OPTIONS,
      syntheticCap: 2,
      syntheticWeight: 0.5,
    });
    expect(Array.from(weights)).toEqual([0.25, 0.25, 0.25, 0.25, 1]);
  });

  it('holds the synthetic sources out in a fold of their own', () => {
    const last = FOLDS[FOLDS.length - 1] ?? [];
    expect(last).toEqual(['synthetic_en', 'synthetic_ml']);
    for (const fold of FOLDS.slice(0, -1)) {
      expect(fold.some((source) => source.startsWith('synthetic'))).toBe(false);
    }
  });

  it('calibrates the thresholds on the real benign pools only', () => {
    const realScores: OutOfFold[] = Array.from({ length: 200 }, (_, index) => ({
      example: real(`benign ${String(index)}`, 'clinc_oos', 0),
      logit: index / 100,
      fold: 1,
    }));
    const [high] = syntheticExamples([synthetic('high', 'f', 0)], 'synthetic_en', new Set());
    if (high === undefined) throw new Error('no example');
    const withSynthetic = [...realScores, { example: high, logit: 50, fold: 6 }];
    expect(calibrate(withSynthetic).input).toBe(calibrate(realScores).input);
  });
});
