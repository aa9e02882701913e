/**
 * Combines the snapshots of several processes into the gateway's view:
 * counters and histograms add up; gauges combine as each declares (`sum`,
 * `max` or `min`). Series are matched by label values.
 */
import type {
  GaugeAggregation,
  HistogramSeriesSnapshot,
  MetricSnapshot,
  RegistrySnapshot,
  ValueSeriesSnapshot,
} from './metric-snapshot.ts';
import { OVERFLOW_LABEL_VALUE } from './series-table.ts';

export interface MergeOptions {
  /** Series kept per metric; beyond it, series fold into the overflow series. */
  readonly maxSeriesPerMetric?: number;
}

const DEFAULT_MAX_SERIES = 10_000;

interface MergedMetric {
  readonly metric: MetricSnapshot;
  readonly series: Map<string, ValueSeriesSnapshot | HistogramSeriesSnapshot>;
}

/**
 * Metrics appear in the order first seen. A metric whose definition differs
 * from the first seen (type, labels, buckets, aggregation) is skipped in
 * that snapshot: adding mismatched buckets would give wrong numbers.
 */
export function mergeSnapshots(
  snapshots: readonly RegistrySnapshot[],
  options: MergeOptions = {},
): RegistrySnapshot {
  const maxSeries = options.maxSeriesPerMetric ?? DEFAULT_MAX_SERIES;
  const merged = new Map<string, MergedMetric>();
  for (const snapshot of snapshots) {
    for (const metric of snapshot.metrics) {
      let target = merged.get(metric.name);
      if (target === undefined) {
        target = { metric, series: new Map() };
        merged.set(metric.name, target);
      } else if (!sameDefinition(target.metric, metric)) {
        continue;
      }
      for (const series of metric.series) addSeries(target, series, maxSeries);
    }
  }
  return {
    version: 1,
    metrics: [...merged.values()].map(({ metric, series }) =>
      withSeries(metric, [...series.values()]),
    ),
  };
}

function addSeries(
  target: MergedMetric,
  series: ValueSeriesSnapshot | HistogramSeriesSnapshot,
  maxSeries: number,
): void {
  let key = JSON.stringify(series.labels);
  let labels = series.labels;
  if (!target.series.has(key) && target.series.size >= maxSeries) {
    labels = target.metric.labelNames.map(() => OVERFLOW_LABEL_VALUE);
    key = JSON.stringify(labels);
  }
  const existing = target.series.get(key);
  target.series.set(key, combine(target.metric, existing, { ...series, labels }));
}

function combine(
  metric: MetricSnapshot,
  existing: ValueSeriesSnapshot | HistogramSeriesSnapshot | undefined,
  incoming: ValueSeriesSnapshot | HistogramSeriesSnapshot,
): ValueSeriesSnapshot | HistogramSeriesSnapshot {
  if (existing === undefined) return incoming;
  switch (metric.type) {
    case 'counter':
      return { labels: existing.labels, value: valueOf(existing) + valueOf(incoming) };
    case 'gauge':
      return {
        labels: existing.labels,
        value: aggregate(metric.aggregation, valueOf(existing), valueOf(incoming)),
      };
    case 'histogram': {
      const left = histogramOf(existing);
      const right = histogramOf(incoming);
      return {
        labels: existing.labels,
        counts: left.counts.map((count, index) => count + (right.counts[index] ?? 0)),
        sum: left.sum + right.sum,
        count: left.count + right.count,
      };
    }
  }
}

function aggregate(aggregation: GaugeAggregation, left: number, right: number): number {
  switch (aggregation) {
    case 'sum':
      return left + right;
    case 'max':
      return Math.max(left, right);
    case 'min':
      return Math.min(left, right);
  }
}

function valueOf(series: ValueSeriesSnapshot | HistogramSeriesSnapshot): number {
  return 'value' in series ? series.value : 0;
}

function histogramOf(
  series: ValueSeriesSnapshot | HistogramSeriesSnapshot,
): HistogramSeriesSnapshot {
  return 'counts' in series ? series : { labels: series.labels, counts: [], sum: 0, count: 0 };
}

function sameDefinition(left: MetricSnapshot, right: MetricSnapshot): boolean {
  if (left.type !== right.type || !sameList(left.labelNames, right.labelNames)) return false;
  if (left.type === 'gauge' && right.type === 'gauge')
    return left.aggregation === right.aggregation;
  if (left.type === 'histogram' && right.type === 'histogram') {
    return sameList(left.buckets, right.buckets);
  }
  return true;
}

function sameList<T>(left: readonly T[], right: readonly T[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

function withSeries(
  metric: MetricSnapshot,
  series: readonly (ValueSeriesSnapshot | HistogramSeriesSnapshot)[],
): MetricSnapshot {
  switch (metric.type) {
    case 'counter':
    case 'gauge':
      return {
        ...metric,
        series: series.map((entry) => ({ labels: entry.labels, value: valueOf(entry) })),
      };
    case 'histogram':
      return { ...metric, series: series.map(histogramOf) };
  }
}
