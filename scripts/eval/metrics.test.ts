import { describe, expect, it } from 'vitest';
import { atThreshold, auc, fromCounts, tprAtFpr } from './metrics.ts';

describe('auc', () => {
  it('is 1 when every positive scores above every negative', () => {
    expect(auc([0.9, 0.8, 0.7], [0.1, 0.2, 0.3])).toBe(1);
  });

  it('is 0 when every positive scores below every negative', () => {
    expect(auc([0.1, 0.2], [0.8, 0.9])).toBe(0);
  });

  it('is one half when all scores tie', () => {
    expect(auc([0.5, 0.5, 0.5], [0.5, 0.5])).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs: (0.9 > 0.1) 1, (0.9 > 0.5) 1, (0.5 = 0.5) ½, (0.5 > 0.1) 1 → 3.5 / 4.
    expect(auc([0.9, 0.5], [0.1, 0.5])).toBe(0.875);
  });

  it('matches the pairwise definition on a mixed case', () => {
    const positives = [0.3, 0.7, 0.7, 0.95, 0.2];
    const negatives = [0.1, 0.7, 0.4, 0.2, 0.05, 0.3];
    let wins = 0;
    for (const positive of positives)
      for (const negative of negatives)
        wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
    expect(auc(positives, negatives)).toBeCloseTo(wins / (positives.length * negatives.length), 12);
  });

  it('is undefined without positives or without negatives', () => {
    expect(auc([], [0.1])).toBeNaN();
    expect(auc([0.1], [])).toBeNaN();
  });
});

describe('tprAtFpr', () => {
  const negatives = Array.from({ length: 100 }, (_, index) => index / 100); // 0.00 … 0.99

  it('allows ⌊target · n⌋ false positives and flags strictly above an observed benign score', () => {
    const point = tprAtFpr([0.985, 0.975, 0.5], negatives, 0.01);
    expect(point.threshold).toBe(0.98);
    expect(point.fpr).toBe(0.01);
    expect(point.tpr).toBeCloseTo(1 / 3, 12);
    expect(point.resolved).toBe(true);
  });

  it('allows no false positive when the benign set is too small to resolve the target', () => {
    const point = tprAtFpr([1, 0.995, 0.2], negatives, 0.001);
    expect(point.threshold).toBe(0.99);
    expect(point.fpr).toBe(0);
    expect(point.tpr).toBeCloseTo(2 / 3, 12);
    expect(point.resolved).toBe(false);
  });

  it('never exceeds the target when benign scores tie at the threshold', () => {
    const tied = [...Array<number>(95).fill(0.1), ...Array<number>(5).fill(0.9)];
    const point = tprAtFpr([0.9, 0.95], tied, 0.01);
    // The 2nd-highest benign score is 0.9; the five benign 0.9s are not above it.
    expect(point.threshold).toBe(0.9);
    expect(point.fpr).toBe(0);
    expect(point.tpr).toBe(0.5);
  });

  it('does not count a positive tied with the threshold as detected', () => {
    expect(tprAtFpr([0.5], [0.5, 0.1], 0).tpr).toBe(0);
  });

  it('flags everything when the target allows every benign text', () => {
    const point = tprAtFpr([0], [0.3, 0.4], 1);
    expect(point.threshold).toBe(-Infinity);
    expect(point.tpr).toBe(1);
    expect(point.fpr).toBe(1);
  });

  it('is undefined without negatives or without positives', () => {
    expect(tprAtFpr([0.5], [], 0.01).tpr).toBeNaN();
    expect(tprAtFpr([], [0.5], 0.01).tpr).toBeNaN();
  });
});

describe('atThreshold', () => {
  it('flags scores at or above the threshold and derives precision, recall, F1 and FPR', () => {
    const figures = atThreshold([0.9, 0.6, 0.2, 0.5], [0.1, 0.5, 0.3], 0.5);
    expect(figures).toMatchObject({
      truePositives: 3,
      falseNegatives: 1,
      falsePositives: 1,
      trueNegatives: 2,
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
    });
    expect(figures.fpr).toBeCloseTo(1 / 3, 12);
  });

  it('leaves precision undefined when nothing is flagged', () => {
    const figures = atThreshold([0.1], [0.2], 0.9);
    expect(figures.precision).toBeNaN();
    expect(figures.recall).toBe(0);
    expect(figures.f1).toBeNaN();
  });

  it('gives F1 zero when only benign texts are flagged', () => {
    expect(fromCounts(0, 5, 2, 10).f1).toBe(0);
  });

  it('reports only the benign false-positive rate for a benign-only file', () => {
    const figures = fromCounts(0, 0, 3, 300);
    expect(figures.recall).toBeNaN();
    expect(figures.fpr).toBe(0.01);
  });
});
