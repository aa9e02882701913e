import type { MetricDefinition, NoLabels, RegisteredMetric } from './metric-definition.ts';
import type { CounterSnapshot } from './metric-snapshot.ts';
import { SeriesTable } from './series-table.ts';
import type { LabelValues, SeriesLimits } from './series-table.ts';

/** One series of a counter; hold it to count without a label lookup. */
export interface CounterChild {
  /** Adds `amount` (default 1). Negative, NaN and infinite amounts are ignored: a counter only goes up. */
  inc(amount?: number): void;
  get(): number;
}

class CounterSeries implements CounterChild {
  #value = 0;

  inc(amount = 1): void {
    // Metrics never throw on the request path; a bad amount is dropped instead.
    if (amount > 0 && amount < Number.POSITIVE_INFINITY) this.#value += amount;
  }

  get(): number {
    return this.#value;
  }
}

/** A monotonically increasing count (Prometheus `counter`). */
export class Counter<L extends LabelValues = NoLabels> implements RegisteredMetric {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly #series: SeriesTable<CounterSeries>;

  constructor(definition: MetricDefinition<L>, limits: SeriesLimits, onOverflow: () => void) {
    this.name = definition.name;
    this.help = definition.help;
    this.labelNames = definition.labelNames ?? [];
    this.#series = new SeriesTable(this.labelNames, limits, () => new CounterSeries(), onOverflow);
    if (this.labelNames.length === 0) this.#series.get({});
  }

  /** The series for these label values, created on first use. */
  labels(values: L): CounterChild {
    return this.#series.get(values);
  }

  snapshot(): CounterSnapshot {
    return {
      type: 'counter',
      name: this.name,
      help: this.help,
      labelNames: this.labelNames,
      series: this.#series.entries().map(({ labels, child }) => ({ labels, value: child.get() })),
    };
  }
}
