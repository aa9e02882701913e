/**
 * A registry's state as plain JSON: what a worker sends the primary over
 * IPC, what `mergeSnapshots` combines and what the exposition renders.
 */

/** How a gauge combines across processes: `sum` for amounts (in-flight requests), `max`/`min` for states. */
export type GaugeAggregation = 'sum' | 'max' | 'min';

export interface ValueSeriesSnapshot {
  /** Values in the order of the metric's `labelNames`. */
  readonly labels: readonly string[];
  readonly value: number;
}

export interface HistogramSeriesSnapshot {
  readonly labels: readonly string[];
  /** Observations per bucket, not cumulative; one more than `buckets` (the last is `+Inf`). */
  readonly counts: readonly number[];
  readonly sum: number;
  readonly count: number;
}

interface MetricSnapshotBase {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
}

export interface CounterSnapshot extends MetricSnapshotBase {
  readonly type: 'counter';
  readonly series: readonly ValueSeriesSnapshot[];
}

export interface GaugeSnapshot extends MetricSnapshotBase {
  readonly type: 'gauge';
  readonly aggregation: GaugeAggregation;
  readonly series: readonly ValueSeriesSnapshot[];
}

export interface HistogramSnapshot extends MetricSnapshotBase {
  readonly type: 'histogram';
  /** Upper bounds, ascending, without `+Inf`. */
  readonly buckets: readonly number[];
  readonly series: readonly HistogramSeriesSnapshot[];
}

export type MetricSnapshot = CounterSnapshot | GaugeSnapshot | HistogramSnapshot;

export interface RegistrySnapshot {
  readonly version: 1;
  readonly metrics: readonly MetricSnapshot[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/;

/** Prometheus metric names (data model: `[a-zA-Z_:][a-zA-Z0-9_:]*`), bounded. */
export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Prometheus label names; names starting with `__` are reserved for Prometheus itself. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/** Whether histogram bounds are finite and strictly ascending. */
export function areValidBuckets(buckets: readonly number[]): boolean {
  return buckets.every(
    (bound, index) =>
      Number.isFinite(bound) && (index === 0 || bound > (buckets[index - 1] ?? bound)),
  );
}

/** Bounds on a snapshot accepted from another process. */
const MAX_METRICS = 1_000;
const MAX_SERIES = 100_000;
const MAX_BUCKETS = 100;
const MAX_TEXT_LENGTH = 4_096;

/**
 * Checks a value received over IPC is a well-formed snapshot. Workers run
 * our own code, but a malformed message must cost one process's numbers,
 * not the primary.
 */
export function isRegistrySnapshot(value: unknown): value is RegistrySnapshot {
  if (!isRecord(value) || value['version'] !== 1) return false;
  const metrics = value['metrics'];
  return Array.isArray(metrics) && metrics.length <= MAX_METRICS && metrics.every(isMetricSnapshot);
}

function isMetricSnapshot(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { name, help, labelNames, series } = value;
  if (typeof name !== 'string' || !isValidMetricName(name) || !isBoundedString(help)) return false;
  if (!isStringArray(labelNames) || !labelNames.every(isValidLabelName)) return false;
  if (!Array.isArray(series) || series.length > MAX_SERIES) return false;
  const labelCount = labelNames.length;
  switch (value['type']) {
    case 'counter':
      return series.every((entry) => isValueSeries(entry, labelCount));
    case 'gauge':
      return (
        isGaugeAggregation(value['aggregation']) &&
        series.every((entry) => isValueSeries(entry, labelCount))
      );
    case 'histogram': {
      const buckets = value['buckets'];
      if (!isNumberArray(buckets) || buckets.length > MAX_BUCKETS || !areValidBuckets(buckets)) {
        return false;
      }
      return series.every((entry) => isHistogramSeries(entry, labelCount, buckets.length + 1));
    }
    default:
      return false;
  }
}

function isValueSeries(value: unknown, labelCount: number): boolean {
  return (
    isRecord(value) &&
    hasLabels(value['labels'], labelCount) &&
    typeof value['value'] === 'number' &&
    Number.isFinite(value['value'])
  );
}

function isHistogramSeries(value: unknown, labelCount: number, countLength: number): boolean {
  if (!isRecord(value) || !hasLabels(value['labels'], labelCount)) return false;
  const counts = value['counts'];
  return (
    isNumberArray(counts) &&
    counts.length === countLength &&
    typeof value['sum'] === 'number' &&
    Number.isFinite(value['sum']) &&
    typeof value['count'] === 'number' &&
    Number.isFinite(value['count'])
  );
}

function isGaugeAggregation(value: unknown): value is GaugeAggregation {
  return value === 'sum' || value === 'max' || value === 'min';
}

function hasLabels(value: unknown, labelCount: number): boolean {
  return isStringArray(value) && value.length === labelCount;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every(isBoundedString);
}

function isNumberArray(value: unknown): value is readonly number[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item))
  );
}
