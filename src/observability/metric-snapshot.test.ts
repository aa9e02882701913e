import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { isRegistrySnapshot } from './metric-snapshot.ts';

describe('isRegistrySnapshot', () => {
  it('accepts a real registry snapshot after a JSON round trip', () => {
    const metrics = createGatewayMetrics();
    metrics.requestDuration
      .labels({ dialect: 'openai', alias: 'fast', outcome: 'complete' })
      .observe(0.2);
    metrics.breakerState.labels({ target: 'openai/gpt-4o' }).set(2);
    expect(isRegistrySnapshot(JSON.parse(JSON.stringify(metrics.registry.snapshot())))).toBe(true);
  });

  it('rejects malformed snapshots', () => {
    const counter = { type: 'counter', name: 'x_total', help: 'X.', labelNames: ['a'] };
    const malformed: unknown[] = [
      null,
      { version: 2, metrics: [] },
      { version: 1, metrics: {} },
      { version: 1, metrics: [{ ...counter, series: [{ labels: [], value: 1 }] }] },
      { version: 1, metrics: [{ ...counter, series: [{ labels: ['a'], value: null }] }] },
      { version: 1, metrics: [{ ...counter, name: 'x\n# injected', series: [] }] },
      { version: 1, metrics: [{ ...counter, labelNames: ['a"b'], series: [] }] },
      { version: 1, metrics: [{ ...counter, type: 'summary', series: [] }] },
      { version: 1, metrics: [{ ...counter, type: 'gauge', aggregation: 'avg', series: [] }] },
      {
        version: 1,
        metrics: [{ ...counter, type: 'histogram', buckets: [1, 0.5], series: [] }],
      },
      {
        version: 1,
        metrics: [
          {
            ...counter,
            type: 'histogram',
            buckets: [1],
            series: [{ labels: ['a'], counts: [1], sum: 1, count: 1 }],
          },
        ],
      },
    ];
    for (const value of malformed)
      expect(isRegistrySnapshot(value), JSON.stringify(value)).toBe(false);
  });
});
