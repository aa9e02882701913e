/**
 * Ranking metrics for the injection model's evaluation: AUC, thresholds at a
 * false-positive budget on a weighted benign pool, and rates at a threshold.
 */

/** A scored item; `weight` lets large sources count less in a pooled set. */
export interface Scored {
  readonly score: number;
  readonly weight: number;
}

/** Area under the ROC curve (ties count half), weighted. */
export function auc(positives: readonly Scored[], negatives: readonly Scored[]): number {
  const items = [
    ...positives.map((item) => ({ ...item, positive: true })),
    ...negatives.map((item) => ({ ...item, positive: false })),
  ].sort((left, right) => left.score - right.score);
  let negativeWeight = 0;
  let area = 0;
  let index = 0;
  while (index < items.length) {
    let end = index;
    let tiedNegatives = 0;
    let tiedPositives = 0;
    const score = items[index]?.score;
    while (end < items.length && items[end]?.score === score) {
      const item = items[end];
      if (item?.positive === true) tiedPositives += item.weight;
      else tiedNegatives += item?.weight ?? 0;
      end++;
    }
    area += tiedPositives * (negativeWeight + tiedNegatives / 2);
    negativeWeight += tiedNegatives;
    index = end;
  }
  const totalPositive = positives.reduce((sum, item) => sum + item.weight, 0);
  return totalPositive > 0 && negativeWeight > 0 ? area / (totalPositive * negativeWeight) : NaN;
}

/**
 * The smallest threshold whose weighted false-positive rate (score >= threshold)
 * stays within `budget`: just above the benign score at that quantile.
 */
export function thresholdAtFpr(negatives: readonly Scored[], budget: number): number {
  const sorted = [...negatives].sort((left, right) => right.score - left.score);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let flagged = 0;
  for (const item of sorted) {
    if ((flagged + item.weight) / total > budget) return nextUp(item.score);
    flagged += item.weight;
  }
  return 0;
}

function nextUp(value: number): number {
  return value + Math.max(1e-12, Math.abs(value) * 1e-9);
}

/** Weighted share of items scoring at or above the threshold. */
export function rateAt(items: readonly Scored[], threshold: number): number {
  let total = 0;
  let above = 0;
  for (const item of items) {
    total += item.weight;
    if (item.score >= threshold) above += item.weight;
  }
  return total > 0 ? above / total : NaN;
}
