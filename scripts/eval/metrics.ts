/**
 * Detection metrics over scores where higher means "more likely an attack".
 * Every function takes the positive (attack) and negative (benign) scores
 * separately and returns NaN when a figure is undefined for the input (no
 * positives, no negatives), so a report prints "n/a" instead of a made-up 0.
 */

/**
 * ROC AUC as the Mann–Whitney rank statistic: the probability that a random
 * positive scores above a random negative, ties counting one half. Ranks are
 * mid-ranks, so tied scores never favour either class.
 */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  const pooled = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ].sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  let index = 0;
  while (index < pooled.length) {
    let end = index;
    while (end + 1 < pooled.length && pooled[end + 1]?.score === pooled[index]?.score) end++;
    // Ranks are 1-based; every member of a tie group gets the group's mean rank.
    const midRank = (index + end) / 2 + 1;
    for (let member = index; member <= end; member++)
      if (pooled[member]?.positive === true) positiveRankSum += midRank;
    index = end + 1;
  }
  const u = positiveRankSum - (positives.length * (positives.length + 1)) / 2;
  return u / (positives.length * negatives.length);
}

/** The operating point chosen from the benign scores for a target false-positive rate. */
export interface OperatingPoint {
  /** Flag when `score > threshold` (strictly); `-Infinity` flags everything. */
  readonly threshold: number;
  /** True-positive rate at that threshold. */
  readonly tpr: number;
  /** The false-positive rate actually reached (≤ the target). */
  readonly fpr: number;
  /**
   * False when the benign set is too small to resolve the target (fewer than
   * 1 / target negatives): the point then allows zero false positives, which
   * is stricter than asked.
   */
  readonly resolved: boolean;
}

/**
 * TPR at a maximum FPR without interpolation: the threshold is an observed
 * benign score, namely the (k+1)-th highest where k = ⌊target · n⌋ false
 * positives are allowed, and a text is flagged only when it scores strictly
 * above it. Benign texts tied with the threshold are therefore never counted
 * as flagged, so the reached FPR never exceeds the target, even with ties.
 */
export function tprAtFpr(
  positives: readonly number[],
  negatives: readonly number[],
  targetFpr: number,
): OperatingPoint {
  if (negatives.length === 0 || positives.length === 0)
    return { threshold: Number.NaN, tpr: Number.NaN, fpr: Number.NaN, resolved: false };
  const descending = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(targetFpr * negatives.length + 1e-9);
  const threshold = allowed >= descending.length ? -Infinity : (descending[allowed] ?? -Infinity);
  const above = (scores: readonly number[]): number =>
    scores.reduce((count, score) => (score > threshold ? count + 1 : count), 0);
  return {
    threshold,
    tpr: above(positives) / positives.length,
    fpr: above(negatives) / negatives.length,
    resolved: negatives.length * targetFpr >= 1,
  };
}

/** Confusion figures when flagging `score >= threshold` (the detector's own rule). */
export interface ThresholdFigures {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
}

export function atThreshold(
  positives: readonly number[],
  negatives: readonly number[],
  threshold: number,
): ThresholdFigures {
  const flagged = (scores: readonly number[]): number =>
    scores.reduce((count, score) => (score >= threshold ? count + 1 : count), 0);
  return fromCounts(flagged(positives), positives.length, flagged(negatives), negatives.length);
}

/** The same figures from flag counts, for detectors that only answer yes or no. */
export function fromCounts(
  flaggedPositives: number,
  positiveCount: number,
  flaggedNegatives: number,
  negativeCount: number,
): ThresholdFigures {
  const precision = ratio(flaggedPositives, flaggedPositives + flaggedNegatives);
  const recall = ratio(flaggedPositives, positiveCount);
  return {
    truePositives: flaggedPositives,
    falsePositives: flaggedNegatives,
    falseNegatives: positiveCount - flaggedPositives,
    trueNegatives: negativeCount - flaggedNegatives,
    precision,
    recall,
    f1:
      Number.isNaN(precision) || Number.isNaN(recall)
        ? Number.NaN
        : precision + recall === 0
          ? 0
          : (2 * precision * recall) / (precision + recall),
    fpr: ratio(flaggedNegatives, negativeCount),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}
