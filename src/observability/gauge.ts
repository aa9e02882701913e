import type { MetricDefinition, NoLabels, RegisteredMetric } from './metric-definition.ts';
import type { GaugeAggregation, GaugeSnapshot } from './metric-snapshot.ts';
import { SeriesTable } from './series-table.ts';
import type { LabelValues, SeriesLimits } from './series-table.ts';

export interface GaugeDefinition<L extends LabelValues> extends MetricDefinition<L> {
  /** How worker values combine into the gateway's value; `sum` by default. */
  readonly aggregation?: GaugeAggregation;
}

/** One series of a gauge; hold it to update without a label lookup. */
export interface GaugeChild {
  /** Non-finite values are ignored. */
  set(value: number): void;
  inc(amount?: number): void;
  dec(amount?: number): void;
  get(): number;
}

class GaugeSeries implements GaugeChild {
  #value = 0;

  set(value: number): void {
    if (Number.isFinite(value)) this.#value = value;
  }

  inc(amount = 1): void {
    this.set(this.#value + amount);
  }

  dec(amount = 1): void {
    this.set(this.#value - amount);
  }

  get(): number {
    return this.#value;
  }
}

/** A value that goes up and down (Prometheus `gauge`). */
export class Gauge<L extends LabelValues = NoLabels> implements RegisteredMetric {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly aggregation: GaugeAggregation;
  readonly #series: SeriesTable<GaugeSeries>;

  constructor(definition: GaugeDefinition<L>, limits: SeriesLimits, onOverflow: () => void) {
    this.name = definition.name;
    this.help = definition.help;
    this.labelNames = definition.labelNames ?? [];
    this.aggregation = definition.aggregation ?? 'sum';
    this.#series = new SeriesTable(this.labelNames, limits, () => new GaugeSeries(), onOverflow);
    if (this.labelNames.length === 0) this.#series.get({});
  }

  /** The series for these label values, created on first use. */
  labels(values: L): GaugeChild {
    return this.#series.get(values);
  }

  snapshot(): GaugeSnapshot {
    return {
      type: 'gauge',
      name: this.name,
      help: this.help,
      labelNames: this.labelNames,
      aggregation: this.aggregation,
      series: this.#series.entries().map(({ labels, child }) => ({ labels, value: child.get() })),
    };
  }
}
