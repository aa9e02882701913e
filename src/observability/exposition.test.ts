import { describe, expect, it } from 'vitest';
import { escapeHelp, escapeLabelValue, formatValue, renderExposition } from './exposition.ts';
import type { RegistrySnapshot } from './metric-snapshot.ts';

describe('renderExposition', () => {
  it('renders counters, gauges and histograms in the 0.0.4 text format', () => {
    const snapshot: RegistrySnapshot = {
      version: 1,
      metrics: [
        {
          type: 'counter',
          name: 'rf_requests_total',
          help: 'Requests.',
          labelNames: ['alias', 'outcome'],
          series: [
            { labels: ['fast', 'ok'], value: 3 },
            { labels: ['slow', 'upstream_error'], value: 1 },
          ],
        },
        {
          type: 'gauge',
          name: 'rf_inflight',
          help: 'In flight.',
          labelNames: [],
          aggregation: 'sum',
          series: [{ labels: [], value: -2.5 }],
        },
        {
          type: 'histogram',
          name: 'rf_duration_seconds',
          help: 'Duration.',
          labelNames: ['alias'],
          buckets: [0.1, 1],
          series: [{ labels: ['fast'], counts: [2, 1, 1], sum: 3.75, count: 4 }],
        },
      ],
    };
    expect(renderExposition(snapshot)).toBe(
      [
        '# HELP rf_requests_total Requests.',
        '# TYPE rf_requests_total counter',
        'rf_requests_total{alias="fast",outcome="ok"} 3',
        'rf_requests_total{alias="slow",outcome="upstream_error"} 1',
        '# HELP rf_inflight In flight.',
        '# TYPE rf_inflight gauge',
        'rf_inflight -2.5',
        '# HELP rf_duration_seconds Duration.',
        '# TYPE rf_duration_seconds histogram',
        'rf_duration_seconds_bucket{alias="fast",le="0.1"} 2',
        'rf_duration_seconds_bucket{alias="fast",le="1"} 3',
        'rf_duration_seconds_bucket{alias="fast",le="+Inf"} 4',
        'rf_duration_seconds_sum{alias="fast"} 3.75',
        'rf_duration_seconds_count{alias="fast"} 4',
        '',
      ].join('\n'),
    );
  });

  it('renders a metric with no series as its HELP and TYPE lines only', () => {
    const text = renderExposition({
      version: 1,
      metrics: [{ type: 'counter', name: 'x_total', help: 'X.', labelNames: ['a'], series: [] }],
    });
    expect(text).toBe('# HELP x_total X.\n# TYPE x_total counter\n');
  });

  it('renders an empty registry as empty text', () => {
    expect(renderExposition({ version: 1, metrics: [] })).toBe('');
  });
});

describe('escaping', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('escapes backslash and line feed but not double quote in HELP text', () => {
    expect(escapeHelp('say "hi"\\\nnow')).toBe('say "hi"\\\\\\nnow');
  });

  it('spells special floats as Prometheus expects', () => {
    expect([Number.NaN, Infinity, -Infinity, 0.00005, 1e21, 42].map(formatValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.00005',
      '1e+21',
      '42',
    ]);
  });

  it('keeps a hostile label value on one line inside its quotes', () => {
    const text = renderExposition({
      version: 1,
      metrics: [
        {
          type: 'counter',
          name: 'x_total',
          help: 'X.',
          labelNames: ['model'],
          series: [{ labels: ['evil"} 1\nfake_metric{a="b'], value: 1 }],
        },
      ],
    });
    expect(text.split('\n')[2]).toBe('x_total{model="evil\\"} 1\\nfake_metric{a=\\"b"} 1');
  });
});
