import { describe, expect, it } from 'vitest';
import { evaluateLeakDetectors } from '../scripts/leak-eval.ts';

describe('leak detectors on the generated corpora', () => {
  const result = evaluateLeakDetectors({ perType: 500, root: process.cwd() });

  it('finds at least 99% of the generated secrets and PII of every type', () => {
    const below = result.byType
      .filter((figures) => figures.samples > 0 && figures.recall < 0.99)
      .map((figures) => `${figures.type}: ${figures.found}/${figures.samples}`);
    expect(below).toEqual([]);
  });

  it('covers every secret and PII type with samples', () => {
    expect(result.byType.filter((figures) => figures.samples > 0).length).toBeGreaterThanOrEqual(
      27,
    );
  });

  it('flags at most 0.1% of the benign documents', () => {
    expect(result.benignDocuments).toBeGreaterThan(6000);
    expect(result.falsePositiveRate).toBeLessThanOrEqual(0.001);
  });
});
