import type { LabelValues } from './series-table.ts';
import type { MetricSnapshot } from './metric-snapshot.ts';

/** The label record of a metric without labels (no label may have a value): its one series is `labels({})`. */
export type NoLabels = Readonly<Record<string, never>>;

/**
 * What every metric is defined by. `L` types the label values, e.g.
 * `{ target: string; result: 'ok' | ErrorCode }`; `labelNames` lists its
 * keys in exposition order.
 */
export interface MetricDefinition<L extends LabelValues> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly (keyof L & string)[];
}

/** What the registry keeps of each metric. */
export interface RegisteredMetric {
  readonly name: string;
  snapshot(): MetricSnapshot;
}
