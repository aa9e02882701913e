/** Small statistics helpers for the benchmark: percentiles and medians. */

/** A growable list of samples (milliseconds), cheap to append to under load. */
export class Samples {
  #values = new Float64Array(4096);
  #length = 0;

  add(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  get count(): number {
    return this.#length;
  }

  /** Percentiles by nearest rank, e.g. `percentiles([0.5, 0.99])`. */
  percentiles(fractions: readonly number[]): number[] {
    const sorted = this.#values.slice(0, this.#length).sort();
    return fractions.map((fraction) => nearestRank(sorted, fraction));
  }
}

function nearestRank(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/** The median of a list (the lower middle for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  return finite[Math.floor((finite.length - 1) / 2)] ?? Number.NaN;
}
