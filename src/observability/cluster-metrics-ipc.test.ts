import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { serveClusterMetrics } from './cluster-metrics.ts';

const workerScript = fileURLToPath(
  new URL('__fixtures__/metrics-cluster-worker.js', import.meta.url),
);
const forked: Worker[] = [];

afterEach(() => {
  for (const worker of forked.splice(0)) worker.kill();
});

function fork(value: number): Promise<Worker> {
  const worker = cluster.fork({ VALUE: String(value) });
  forked.push(worker);
  return new Promise((resolve) => {
    const onMessage = (message: { test?: string }): void => {
      if (message.test !== 'ready') return;
      worker.off('message', onMessage);
      resolve(worker);
    };
    worker.on('message', onMessage);
  });
}

describe('serveClusterMetrics over real node:cluster IPC', () => {
  it('merges the snapshots of real worker processes and replies to the asker', async () => {
    // No execArgv: the test runner's loader flags are not for a plain JavaScript worker.
    cluster.setupPrimary({ exec: workerScript, execArgv: [], silent: true });
    const stop = serveClusterMetrics(cluster, { collectTimeoutMs: 4_000 });
    try {
      const [asker] = await Promise.all([fork(1), fork(2)]);
      const reply = new Promise<{ id: unknown; text: unknown }>((resolve) => {
        asker.on('message', (message: { test?: string; id?: unknown; text?: unknown }) => {
          if (message.test === 'reply') resolve({ id: message.id, text: message.text });
        });
      });
      asker.send({ test: 'ask' });
      const { id, text } = await reply;
      expect(id).toBe(7);
      expect(text).toBe(
        [
          '# HELP ringfence_test_total Test.',
          '# TYPE ringfence_test_total counter',
          'ringfence_test_total 3',
          '# HELP ringfence_metrics_partial 1 when some gateway process did not answer in time and these numbers miss it.',
          '# TYPE ringfence_metrics_partial gauge',
          'ringfence_metrics_partial 0',
          '# HELP ringfence_metrics_processes Gateway processes whose numbers this scrape includes.',
          '# TYPE ringfence_metrics_processes gauge',
          'ringfence_metrics_processes 2',
          '',
        ].join('\n'),
      );
    } finally {
      stop();
    }
  });
});
