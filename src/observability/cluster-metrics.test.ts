import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerMetrics, processEndpoint, serveClusterMetrics } from './cluster-metrics.ts';
import type {
  ClusterPrimary,
  ClusterWorker,
  IpcEndpoint,
  WorkerMetrics,
} from './cluster-metrics.ts';
import type { MetricsMessage } from './cluster-messages.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';

type PrimaryListener = (worker: ClusterWorker, message: unknown) => void;

/** Messages cross a real process boundary as JSON-like copies, delivered later: so do these. */
function deliverLater(deliver: () => void): void {
  setImmediate(deliver);
}

class FakeCluster implements ClusterPrimary {
  readonly workers: Record<string, FakeWorker> = {};
  readonly #listeners = new Set<PrimaryListener>();

  on(_event: 'message', listener: PrimaryListener): void {
    this.#listeners.add(listener);
  }

  off(_event: 'message', listener: PrimaryListener): void {
    this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  toPrimary(worker: FakeWorker, message: MetricsMessage): void {
    const copy: unknown = JSON.parse(JSON.stringify(message));
    deliverLater(() => {
      for (const listener of this.#listeners) listener(worker, copy);
    });
  }
}

class FakeWorker implements ClusterWorker {
  readonly received: MetricsMessage[] = [];
  readonly #listeners = new Set<(message: unknown) => void>();
  connected = true;
  /** A hung worker receives but never runs its handlers. */
  hung = false;

  constructor(readonly id: number) {}

  send(message: MetricsMessage): boolean {
    this.received.push(message);
    const copy: unknown = JSON.parse(JSON.stringify(message));
    deliverLater(() => {
      if (this.hung) return;
      for (const listener of this.#listeners) listener(copy);
    });
    return true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  endpoint(cluster: FakeCluster): IpcEndpoint {
    return {
      send: (message) => {
        cluster.toPrimary(this, message);
      },
      subscribe: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
    };
  }
}

interface FakeProcess {
  readonly worker: FakeWorker;
  readonly metrics: GatewayMetrics;
  readonly client: WorkerMetrics;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function startCluster(workerCount: number): { cluster: FakeCluster; processes: FakeProcess[] } {
  const cluster = new FakeCluster();
  const processes: FakeProcess[] = [];
  for (let id = 1; id <= workerCount; id++) {
    const worker = new FakeWorker(id);
    cluster.workers[String(id)] = worker;
    const metrics = createGatewayMetrics();
    const client = createWorkerMetrics({
      registry: metrics.registry,
      endpoint: worker.endpoint(cluster),
    });
    cleanups.push(() => {
      client.close();
    });
    processes.push({ worker, metrics, client });
  }
  return { cluster, processes };
}

function line(text: string, prefix: string): string | undefined {
  return text.split('\n').find((candidate) => candidate.startsWith(prefix));
}

function at(processes: readonly FakeProcess[], index: number): FakeProcess {
  const found = processes[index];
  if (found === undefined) throw new Error(`no process ${String(index)}`);
  return found;
}

describe('cluster metrics', () => {
  it('answers any worker with the merged numbers of every worker', async () => {
    const { cluster, processes } = startCluster(3);
    cleanups.push(serveClusterMetrics(cluster));
    processes.forEach((process, index) => {
      const labels = {
        dialect: 'openai',
        alias: 'fast',
        target: 'openai/gpt-4o',
        outcome: 'complete',
      };
      process.metrics.requests.labels(labels).inc(index + 1);
      process.metrics.inflightRequests.set(2);
      process.metrics.breakerState.labels({ target: 'openai/gpt-4o' }).set(index === 1 ? 2 : 0);
      process.metrics.gatewayOverhead.observe(0.0001);
    });

    const text = await at(processes, 2).client.requestClusterMetrics(2_000);

    expect(line(text, 'ringfence_requests_total{')).toBe(
      'ringfence_requests_total{dialect="openai",alias="fast",target="openai/gpt-4o",outcome="complete"} 6',
    );
    expect(line(text, 'ringfence_inflight_requests ')).toBe('ringfence_inflight_requests 6');
    expect(line(text, 'ringfence_breaker_state{')).toBe(
      'ringfence_breaker_state{target="openai/gpt-4o"} 2',
    );
    expect(line(text, 'ringfence_gateway_overhead_seconds_count')).toBe(
      'ringfence_gateway_overhead_seconds_count 3',
    );
    expect(line(text, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 0');
    expect(line(text, 'ringfence_metrics_processes ')).toBe('ringfence_metrics_processes 3');
  });

  it("includes the primary's own registry when given one", async () => {
    const { cluster, processes } = startCluster(2);
    const primary = createGatewayMetrics();
    primary.suspensionFeedFailures.inc(5);
    cleanups.push(serveClusterMetrics(cluster, { registry: primary.registry }));
    const text = await at(processes, 0).client.requestClusterMetrics(2_000);
    expect(line(text, 'ringfence_suspension_feed_failures_total ')).toBe(
      'ringfence_suspension_feed_failures_total 5',
    );
    expect(line(text, 'ringfence_metrics_processes ')).toBe('ringfence_metrics_processes 3');
  });

  it('replies without a worker that does not answer in time, marked partial', async () => {
    const { cluster, processes } = startCluster(3);
    at(processes, 1).worker.hung = true;
    for (const process of processes) process.metrics.auditWriteFailures.inc();
    cleanups.push(serveClusterMetrics(cluster, { collectTimeoutMs: 30 }));
    const text = await at(processes, 0).client.requestClusterMetrics(2_000);
    expect(line(text, 'ringfence_audit_write_failures_total ')).toBe(
      'ringfence_audit_write_failures_total 2',
    );
    expect(line(text, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 1');
    expect(line(text, 'ringfence_metrics_processes ')).toBe('ringfence_metrics_processes 2');
  });

  it('serves the local numbers, marked partial, when the primary does not answer', async () => {
    const { processes } = startCluster(2);
    at(processes, 0).metrics.auditWriteFailures.inc(7);
    at(processes, 1).metrics.auditWriteFailures.inc(100);
    const text = await at(processes, 0).client.requestClusterMetrics(20);
    expect(line(text, 'ringfence_audit_write_failures_total ')).toBe(
      'ringfence_audit_write_failures_total 7',
    );
    expect(line(text, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 1');
  });

  it('serves the local numbers at once when the channel is closed', async () => {
    const metrics = createGatewayMetrics();
    const client = createWorkerMetrics({
      registry: metrics.registry,
      endpoint: {
        send: () => {
          throw new Error('IPC channel closed');
        },
        subscribe: () => () => undefined,
      },
    });
    cleanups.push(() => {
      client.close();
    });
    const started = performance.now();
    const text = await client.requestClusterMetrics(10_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(line(text, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 1');
  });

  it('collects once for requests that arrive while a collection is under way', async () => {
    const { cluster, processes } = startCluster(3);
    cleanups.push(serveClusterMetrics(cluster));
    const texts = await Promise.all(
      processes.map((process) => process.client.requestClusterMetrics(2_000)),
    );
    for (const text of texts) {
      expect(line(text, 'ringfence_metrics_processes ')).toBe('ringfence_metrics_processes 3');
    }
    for (const process of processes) {
      expect(process.worker.received.filter((message) => message.op === 'collect')).toHaveLength(1);
      expect(process.worker.received.filter((message) => message.op === 'reply')).toHaveLength(1);
    }
  });

  it('skips disconnected workers and ignores messages that are not its own', async () => {
    const { cluster, processes } = startCluster(2);
    at(processes, 1).worker.connected = false;
    const stop = serveClusterMetrics(cluster);
    cleanups.push(stop);
    const foreign = [
      { cmd: 'NODE_CLUSTER' },
      { ringfence: 'other', op: 'request', id: 1 },
      'text',
      null,
    ];
    for (const message of foreign) {
      cluster.toPrimary(at(processes, 0).worker, message as unknown as MetricsMessage);
    }
    const text = await at(processes, 0).client.requestClusterMetrics(2_000);
    expect(line(text, 'ringfence_metrics_processes ')).toBe('ringfence_metrics_processes 1');
    expect(line(text, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 0');
    expect(at(processes, 1).worker.received).toEqual([]);
    stop();
    expect(cluster.listenerCount).toBe(0);
  });

  it('resolves pending requests with the local numbers when closed', async () => {
    const { processes } = startCluster(1);
    const pending = at(processes, 0).client.requestClusterMetrics(60_000);
    at(processes, 0).client.close();
    expect(line(await pending, 'ringfence_metrics_partial ')).toBe('ringfence_metrics_partial 1');
  });
});

describe('processEndpoint', () => {
  it('is undefined outside a process with an IPC channel', () => {
    const lone = Object.assign(new EventEmitter(), { send: undefined, connected: false });
    expect(processEndpoint(lone as unknown as NodeJS.Process)).toBeUndefined();
  });

  it('sends with an error callback and relays incoming messages until unsubscribed', () => {
    const sent: unknown[][] = [];
    const fake = Object.assign(new EventEmitter(), {
      connected: true,
      send: (...args: unknown[]) => sent.push(args),
    });
    const endpoint = processEndpoint(fake as unknown as NodeJS.Process);
    if (endpoint === undefined) throw new Error('expected an endpoint');
    endpoint.send({ ringfence: 'metrics', op: 'collect', id: 1 });
    expect(sent[0]?.[0]).toEqual({ ringfence: 'metrics', op: 'collect', id: 1 });
    expect(typeof sent[0]?.[3]).toBe('function');

    const received: unknown[] = [];
    const unsubscribe = endpoint.subscribe((message) => received.push(message));
    fake.emit('message', 'one');
    unsubscribe();
    fake.emit('message', 'two');
    expect(received).toEqual(['one']);

    fake.connected = false;
    expect(() => {
      endpoint.send({ ringfence: 'metrics', op: 'collect', id: 2 });
    }).toThrow(/closed/);
  });
});
