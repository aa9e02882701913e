import { describe, expect, it } from 'vitest';
import { MetricsRegistry, OVERFLOW_METRIC_NAME } from './metrics.ts';
import { OVERFLOW_LABEL_VALUE } from './series-table.ts';

describe('MetricsRegistry', () => {
  it('counts into the series named by the label values', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter<{ alias: string; outcome: 'ok' | 'error' }>({
      name: 'test_requests_total',
      help: 'Requests.',
      labelNames: ['alias', 'outcome'],
    });
    const held = requests.labels({ alias: 'fast', outcome: 'ok' });
    held.inc();
    held.inc(2);
    requests.labels({ alias: 'fast', outcome: 'ok' }).inc();
    requests.labels({ alias: 'fast', outcome: 'error' }).inc();
    expect(held.get()).toBe(4);
    expect(requests.labels({ alias: 'fast', outcome: 'ok' })).toBe(held);
    expect(registry.render()).toContain(
      'test_requests_total{alias="fast",outcome="ok"} 4\ntest_requests_total{alias="fast",outcome="error"} 1\n',
    );
  });

  it('renders the whole registry in registration order', () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'a_total', help: 'A.' }).labels({}).inc(5);
    const gauge = registry.gauge<{ target: string }>({
      name: 'b_state',
      help: 'B.',
      labelNames: ['target'],
      aggregation: 'max',
    });
    gauge.labels({ target: 'openai/gpt-4o' }).set(2);
    const histogram = registry.histogram({ name: 'c_seconds', help: 'C.', buckets: [0.5, 1] });
    const child = histogram.labels({});
    for (const value of [0.1, 0.5, 0.7, 3]) child.observe(value);
    expect(registry.render()).toBe(
      [
        `# HELP ${OVERFLOW_METRIC_NAME} Label sets folded into a metric overflow series because the metric reached its series cap.`,
        `# TYPE ${OVERFLOW_METRIC_NAME} counter`,
        '# HELP a_total A.',
        '# TYPE a_total counter',
        'a_total 5',
        '# HELP b_state B.',
        '# TYPE b_state gauge',
        'b_state{target="openai/gpt-4o"} 2',
        '# HELP c_seconds C.',
        '# TYPE c_seconds histogram',
        'c_seconds_bucket{le="0.5"} 2',
        'c_seconds_bucket{le="1"} 3',
        'c_seconds_bucket{le="+Inf"} 4',
        'c_seconds_sum 4.3',
        'c_seconds_count 4',
        '',
      ].join('\n'),
    );
  });

  it('shows unlabelled metrics at zero before any update', () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'zero_total', help: 'Z.' });
    registry.gauge({ name: 'zero_gauge', help: 'Z.' });
    expect(registry.render()).toContain('zero_total 0\n');
    expect(registry.render()).toContain('zero_gauge 0\n');
  });

  it('ignores updates that would corrupt a series', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter({ name: 'n_total', help: 'N.' }).labels({});
    counter.inc(-1);
    counter.inc(Number.NaN);
    counter.inc(Infinity);
    expect(counter.get()).toBe(0);
    const gauge = registry.gauge({ name: 'g', help: 'G.' }).labels({});
    gauge.set(3);
    gauge.dec();
    gauge.set(Number.NaN);
    expect(gauge.get()).toBe(2);
    const histogram = registry.histogram({ name: 'h', help: 'H.', buckets: [1] }).labels({});
    histogram.observe(Number.NaN);
    histogram.observe(Infinity);
    expect(registry.render()).toContain('h_count 0\n');
  });

  it('folds label sets past the series cap into one overflow series and counts them', () => {
    const registry = new MetricsRegistry({ maxSeriesPerMetric: 2 });
    const counter = registry.counter<{ model: string }>({
      name: 'by_model_total',
      help: 'M.',
      labelNames: ['model'],
    });
    for (const model of ['a', 'b', 'c', 'd', 'a']) counter.labels({ model }).inc();
    const text = registry.render();
    expect(text).toContain('by_model_total{model="a"} 2\n');
    expect(text).toContain('by_model_total{model="b"} 1\n');
    expect(text).toContain(`by_model_total{model="${OVERFLOW_LABEL_VALUE}"} 2\n`);
    expect(text).not.toContain('model="c"');
    expect(text).toContain(`${OVERFLOW_METRIC_NAME}{metric="by_model_total"} 2\n`);
  });

  it('does not let a caller forge the overflow series', () => {
    const registry = new MetricsRegistry({ maxSeriesPerMetric: 1 });
    const counter = registry.counter<{ model: string }>({
      name: 'forged_total',
      help: 'F.',
      labelNames: ['model'],
    });
    counter.labels({ model: OVERFLOW_LABEL_VALUE }).inc();
    counter.labels({ model: 'x' }).inc();
    const lines = registry
      .render()
      .split('\n')
      .filter((line) => line.startsWith('forged_total{'));
    expect(lines).toEqual([
      `forged_total{model="_${OVERFLOW_LABEL_VALUE}"} 1`,
      `forged_total{model="${OVERFLOW_LABEL_VALUE}"} 1`,
    ]);
  });

  it('cuts long label values', () => {
    const registry = new MetricsRegistry({ maxLabelValueLength: 4 });
    const counter = registry.counter<{ model: string }>({
      name: 'long_total',
      help: 'L.',
      labelNames: ['model'],
    });
    counter.labels({ model: 'abcdefgh' }).inc();
    expect(counter.labels({ model: 'abcdXYZ' }).get()).toBe(1);
    expect(registry.render()).toContain('long_total{model="abcd"} 1\n');
  });

  it('rejects invalid definitions when they are made, not when they are used', () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'dup_total', help: 'D.' });
    expect(() => registry.counter({ name: 'dup_total', help: 'D.' })).toThrow(/already registered/);
    expect(() => registry.counter({ name: 'bad-name', help: 'B.' })).toThrow(/metric name/);
    expect(() =>
      registry.counter<{ __reserved: string }>({
        name: 'r_total',
        help: 'R.',
        labelNames: ['__reserved'],
      }),
    ).toThrow(/label name/);
    expect(() =>
      registry.counter<{ a: string }>({ name: 'd_total', help: 'D.', labelNames: ['a', 'a'] }),
    ).toThrow(/Duplicate/);
    expect(() =>
      registry.histogram<{ le: string }>({
        name: 'h1',
        help: 'H.',
        labelNames: ['le'],
        buckets: [1],
      }),
    ).toThrow(/"le"/);
    expect(() => registry.histogram({ name: 'h2', help: 'H.', buckets: [1, 1] })).toThrow(
      /ascending/,
    );
    expect(() => registry.histogram({ name: 'h3', help: 'H.', buckets: [] })).toThrow(/ascending/);
    expect(() => new MetricsRegistry({ maxSeriesPerMetric: 0 })).toThrow(RangeError);
  });

  it('snapshots survive a JSON round trip unchanged', () => {
    const registry = new MetricsRegistry();
    registry
      .histogram({ name: 'rt', help: 'R.', buckets: [0.001, 0.01] })
      .labels({})
      .observe(0.005);
    const snapshot = registry.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
