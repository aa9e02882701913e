import type { MetricDefinition, NoLabels, RegisteredMetric } from './metric-definition.ts';
import type { HistogramSnapshot } from './metric-snapshot.ts';
import { SeriesTable } from './series-table.ts';
import type { LabelValues, SeriesLimits } from './series-table.ts';

export interface HistogramDefinition<L extends LabelValues> extends MetricDefinition<L> {
  /** Upper bounds, strictly ascending and finite; `+Inf` is implied. */
  readonly buckets: readonly number[];
}

/** One series of a histogram; hold it to observe without a label lookup. */
export interface HistogramChild {
  /** Records one observation; NaN and infinities are ignored (they would poison `_sum`). */
  observe(value: number): void;
}

class HistogramSeries implements HistogramChild {
  readonly #bounds: readonly number[];
  /** Per-bucket counts, not cumulative (cumulated when rendered); the last slot is `+Inf`. */
  readonly #counts: Float64Array;
  #sum = 0;
  #count = 0;

  constructor(bounds: readonly number[]) {
    this.#bounds = bounds;
    this.#counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    // A linear scan: bucket lists are short (≤ ~20), and it allocates nothing.
    const bounds = this.#bounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] ?? value)) index++;
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.#sum += value;
    this.#count++;
  }

  read(): { counts: number[]; sum: number; count: number } {
    return { counts: Array.from(this.#counts), sum: this.#sum, count: this.#count };
  }
}

/** Observations counted into fixed buckets (Prometheus `histogram`). */
export class Histogram<L extends LabelValues = NoLabels> implements RegisteredMetric {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly buckets: readonly number[];
  readonly #series: SeriesTable<HistogramSeries>;

  constructor(definition: HistogramDefinition<L>, limits: SeriesLimits, onOverflow: () => void) {
    this.name = definition.name;
    this.help = definition.help;
    this.labelNames = definition.labelNames ?? [];
    this.buckets = Object.freeze([...definition.buckets]);
    const buckets = this.buckets;
    this.#series = new SeriesTable(
      this.labelNames,
      limits,
      () => new HistogramSeries(buckets),
      onOverflow,
    );
    if (this.labelNames.length === 0) this.#series.get({});
  }

  /** The series for these label values, created on first use. */
  labels(values: L): HistogramChild {
    return this.#series.get(values);
  }

  snapshot(): HistogramSnapshot {
    return {
      type: 'histogram',
      name: this.name,
      help: this.help,
      labelNames: this.labelNames,
      buckets: this.buckets,
      series: this.#series.entries().map(({ labels, child }) => ({ labels, ...child.read() })),
    };
  }
}
