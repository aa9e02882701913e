import { describe, expect, it } from 'vitest';
import { mergeSnapshots } from './merge-snapshots.ts';
import type { MetricSnapshot, RegistrySnapshot } from './metric-snapshot.ts';
import { OVERFLOW_LABEL_VALUE } from './series-table.ts';

function snapshot(...metrics: MetricSnapshot[]): RegistrySnapshot {
  return { version: 1, metrics };
}

function counter(series: readonly (readonly [string, number])[]): MetricSnapshot {
  return {
    type: 'counter',
    name: 'requests_total',
    help: 'R.',
    labelNames: ['alias'],
    series: series.map(([alias, value]) => ({ labels: [alias], value })),
  };
}

function gauge(aggregation: 'sum' | 'max' | 'min', value: number): MetricSnapshot {
  return {
    type: 'gauge',
    name: `state_${aggregation}`,
    help: 'S.',
    labelNames: [],
    aggregation,
    series: [{ labels: [], value }],
  };
}

describe('mergeSnapshots', () => {
  it('adds counters series by series, keeping series seen in only one process', () => {
    const merged = mergeSnapshots([
      snapshot(
        counter([
          ['fast', 2],
          ['slow', 1],
        ]),
      ),
      snapshot(
        counter([
          ['fast', 3],
          ['new', 4],
        ]),
      ),
    ]);
    expect(merged.metrics[0]?.series).toEqual([
      { labels: ['fast'], value: 5 },
      { labels: ['slow'], value: 1 },
      { labels: ['new'], value: 4 },
    ]);
  });

  it('adds histograms bucket by bucket, with their sums and counts', () => {
    const histogram = (counts: number[], sum: number): MetricSnapshot => ({
      type: 'histogram',
      name: 'duration_seconds',
      help: 'D.',
      labelNames: [],
      buckets: [0.1, 1],
      series: [{ labels: [], counts, sum, count: counts.reduce((a, b) => a + b, 0) }],
    });
    const merged = mergeSnapshots([
      snapshot(histogram([1, 0, 2], 7)),
      snapshot(histogram([0, 3, 1], 4)),
    ]);
    expect(merged.metrics[0]?.series).toEqual([
      { labels: [], counts: [1, 3, 3], sum: 11, count: 7 },
    ]);
  });

  it('combines gauges as each declares: sum, max or min', () => {
    const merged = mergeSnapshots([
      snapshot(gauge('sum', 2), gauge('max', 0), gauge('min', 1)),
      snapshot(gauge('sum', 3), gauge('max', 2), gauge('min', 0)),
      snapshot(gauge('sum', 1), gauge('max', 1), gauge('min', 1)),
    ]);
    expect(merged.metrics.map((metric) => [metric.name, metric.series[0]])).toEqual([
      ['state_sum', { labels: [], value: 6 }],
      ['state_max', { labels: [], value: 2 }],
      ['state_min', { labels: [], value: 0 }],
    ]);
  });

  it('skips a metric whose definition differs from the first one seen', () => {
    const other: MetricSnapshot = {
      type: 'gauge',
      name: 'requests_total',
      help: 'R.',
      labelNames: ['alias'],
      aggregation: 'sum',
      series: [{ labels: ['fast'], value: 100 }],
    };
    const merged = mergeSnapshots([snapshot(counter([['fast', 1]])), snapshot(other)]);
    expect(merged.metrics).toEqual([counter([['fast', 1]])]);
  });

  it('caps merged series, folding the rest into the overflow series', () => {
    const merged = mergeSnapshots(
      [
        snapshot(
          counter([
            ['a', 1],
            ['b', 2],
          ]),
        ),
        snapshot(
          counter([
            ['c', 3],
            ['d', 4],
            ['a', 1],
          ]),
        ),
      ],
      { maxSeriesPerMetric: 2 },
    );
    expect(merged.metrics[0]?.series).toEqual([
      { labels: ['a'], value: 2 },
      { labels: ['b'], value: 2 },
      { labels: [OVERFLOW_LABEL_VALUE], value: 7 },
    ]);
  });

  it('leaves its inputs untouched', () => {
    const first = snapshot(counter([['fast', 2]]));
    const copy = structuredClone(first);
    mergeSnapshots([first, snapshot(counter([['fast', 3]]))]);
    expect(first).toEqual(copy);
  });
});
