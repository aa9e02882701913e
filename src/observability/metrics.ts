/**
 * A minimal in-process Prometheus registry: counters, gauges and
 * histograms with labels, a cap on series per metric, snapshots for
 * cluster aggregation and the text exposition format. No dependency.
 *
 * Hot path: resolve a label set once with `metric.labels({...})` and hold
 * the child where possible; updating a child is O(1) and allocates nothing,
 * and resolving a label set walks Maps without building a key string.
 */
import { Counter } from './counter.ts';
import { renderExposition } from './exposition.ts';
import { Gauge } from './gauge.ts';
import type { GaugeDefinition } from './gauge.ts';
import { Histogram } from './histogram.ts';
import type { HistogramDefinition } from './histogram.ts';
import type { MetricDefinition, NoLabels, RegisteredMetric } from './metric-definition.ts';
import { areValidBuckets, isValidLabelName, isValidMetricName } from './metric-snapshot.ts';
import type { RegistrySnapshot } from './metric-snapshot.ts';
import type { LabelValues, SeriesLimits } from './series-table.ts';

export interface MetricsRegistryOptions {
  /** Series per metric before new label sets fold into the overflow series; 10,000 by default. */
  readonly maxSeriesPerMetric?: number;
  /** Label values are cut to this many characters; 128 by default. */
  readonly maxLabelValueLength?: number;
}

/** Counts label sets folded into a metric's overflow series, by metric name. */
export const OVERFLOW_METRIC_NAME = 'ringfence_metric_series_overflow_total';

export class MetricsRegistry {
  readonly #limits: SeriesLimits;
  readonly #metrics = new Map<string, RegisteredMetric>();
  readonly #overflow: Counter<{ readonly metric: string }>;

  constructor(options: MetricsRegistryOptions = {}) {
    this.#limits = {
      maxSeries: options.maxSeriesPerMetric ?? 10_000,
      maxLabelValueLength: options.maxLabelValueLength ?? 128,
    };
    if (!(this.#limits.maxSeries >= 1) || !(this.#limits.maxLabelValueLength >= 1)) {
      throw new RangeError('maxSeriesPerMetric and maxLabelValueLength must be at least 1');
    }
    this.#overflow = this.#register(
      new Counter<{ readonly metric: string }>(
        {
          name: OVERFLOW_METRIC_NAME,
          help: 'Label sets folded into a metric overflow series because the metric reached its series cap.',
          labelNames: ['metric'],
        },
        this.#limits,
        () => undefined,
      ),
    );
  }

  counter<L extends LabelValues = NoLabels>(definition: MetricDefinition<L>): Counter<L> {
    this.#validate(definition);
    return this.#register(
      new Counter<L>(definition, this.#limits, this.#overflowCallback(definition)),
    );
  }

  gauge<L extends LabelValues = NoLabels>(definition: GaugeDefinition<L>): Gauge<L> {
    this.#validate(definition);
    return this.#register(
      new Gauge<L>(definition, this.#limits, this.#overflowCallback(definition)),
    );
  }

  histogram<L extends LabelValues = NoLabels>(definition: HistogramDefinition<L>): Histogram<L> {
    this.#validate(definition);
    if (definition.labelNames?.includes('le') === true) {
      throw new TypeError(`Histogram ${definition.name} may not use the label name "le"`);
    }
    if (definition.buckets.length === 0 || !areValidBuckets(definition.buckets)) {
      throw new TypeError(`Histogram ${definition.name} needs finite, strictly ascending buckets`);
    }
    return this.#register(
      new Histogram<L>(definition, this.#limits, this.#overflowCallback(definition)),
    );
  }

  /** Every metric's current values as plain JSON, in registration order. */
  snapshot(): RegistrySnapshot {
    return { version: 1, metrics: [...this.#metrics.values()].map((metric) => metric.snapshot()) };
  }

  /** This process's metrics in the Prometheus text format. */
  render(): string {
    return renderExposition(this.snapshot());
  }

  #validate<L extends LabelValues>(definition: MetricDefinition<L>): void {
    if (!isValidMetricName(definition.name)) {
      throw new TypeError(`Invalid metric name: ${definition.name}`);
    }
    if (this.#metrics.has(definition.name)) {
      throw new TypeError(`Metric already registered: ${definition.name}`);
    }
    const labelNames = definition.labelNames ?? [];
    for (const label of labelNames) {
      if (!isValidLabelName(label)) throw new TypeError(`Invalid label name: ${label}`);
    }
    if (new Set(labelNames).size !== labelNames.length) {
      throw new TypeError(`Duplicate label name in ${definition.name}`);
    }
  }

  #register<M extends RegisteredMetric>(metric: M): M {
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  #overflowCallback<L extends LabelValues>(definition: MetricDefinition<L>): () => void {
    let child: { inc(): void } | undefined;
    return () => {
      child ??= this.#overflow.labels({ metric: definition.name });
      child.inc();
    };
  }
}
