import { describe, expect, it } from 'vitest';
import { parseMetricsMessage } from './cluster-messages.ts';

describe('parseMetricsMessage', () => {
  it('accepts each well-formed message', () => {
    const messages = [
      { ringfence: 'metrics', op: 'request', id: 1, timeoutMs: 2000 },
      { ringfence: 'metrics', op: 'collect', id: 2 },
      { ringfence: 'metrics', op: 'snapshot', id: 3, snapshot: { version: 1, metrics: [] } },
      { ringfence: 'metrics', op: 'reply', id: 4, text: '# HELP x X.\n' },
    ];
    for (const message of messages) expect(parseMetricsMessage(message)).toEqual(message);
  });

  it('keeps only the fields of its shape', () => {
    expect(parseMetricsMessage({ ringfence: 'metrics', op: 'collect', id: 2, extra: 'x' })).toEqual(
      {
        ringfence: 'metrics',
        op: 'collect',
        id: 2,
      },
    );
  });

  it("ignores other features' messages and malformed ones", () => {
    const ignored: unknown[] = [
      undefined,
      'request',
      { cmd: 'NODE_CLUSTER', act: 'online' },
      { ringfence: 'audit', op: 'collect', id: 1 },
      { ringfence: 'metrics', op: 'collect', id: -1 },
      { ringfence: 'metrics', op: 'collect', id: 1.5 },
      { ringfence: 'metrics', op: 'collect' },
      { ringfence: 'metrics', op: 'unknown', id: 1 },
      { ringfence: 'metrics', op: 'request', id: 1 },
      { ringfence: 'metrics', op: 'request', id: 1, timeoutMs: Number.POSITIVE_INFINITY },
      { ringfence: 'metrics', op: 'snapshot', id: 1, snapshot: { version: 1 } },
      { ringfence: 'metrics', op: 'reply', id: 1, text: 42 },
    ];
    for (const message of ignored) expect(parseMetricsMessage(message)).toBeUndefined();
  });
});
