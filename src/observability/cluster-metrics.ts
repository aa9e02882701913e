/**
 * `/metrics` for the whole gateway when it runs as N node:cluster workers.
 *
 * Any worker may receive the scrape. It asks the primary (`request`); the
 * primary asks every worker for its snapshot (`collect` / `snapshot`),
 * merges them (and its own registry, if given) and replies with the text.
 * If the primary does not answer in time the worker serves its own numbers,
 * marked `ringfence_metrics_partial 1`, so a scrape never fails outright.
 * In a single process, serve `registry.render()` and none of this runs.
 */
import { renderExposition } from './exposition.ts';
import { mergeSnapshots } from './merge-snapshots.ts';
import type { RegistrySnapshot } from './metric-snapshot.ts';
import type { MetricsRegistry } from './metrics.ts';
import { METRICS_CHANNEL, parseMetricsMessage } from './cluster-messages.ts';
import type { MetricsMessage } from './cluster-messages.ts';

/** A worker's side of the IPC channel (in production, `process`; see {@link processEndpoint}). */
export interface IpcEndpoint {
  send(message: MetricsMessage): void;
  /** Calls `listener` with every message received; returns the unsubscribe function. */
  subscribe(listener: (message: unknown) => void): () => void;
}

/** The part of `node:cluster`'s `Worker` the primary uses. */
export interface ClusterWorker {
  readonly id: number;
  send(message: MetricsMessage): unknown;
  isConnected(): boolean;
}

/** The part of `node:cluster` (in the primary) this module uses. */
export interface ClusterPrimary {
  readonly workers?: NodeJS.Dict<ClusterWorker> | undefined;
  on(event: 'message', listener: (worker: ClusterWorker, message: unknown) => void): unknown;
  off(event: 'message', listener: (worker: ClusterWorker, message: unknown) => void): unknown;
}

/** Whether a scrape's numbers are complete, and from how many processes. */
export interface ClusterStatus {
  readonly partial: boolean;
  readonly processes: number;
}

/** The worker's IPC channel, or `undefined` when this process has none (not a cluster worker). */
export function processEndpoint(target: NodeJS.Process = process): IpcEndpoint | undefined {
  if (target.send === undefined) return undefined;
  return {
    send(message) {
      if (!target.connected) throw new Error('IPC channel closed');
      // The callback swallows an asynchronous send failure: the asker's timeout covers it.
      target.send?.(message, undefined, undefined, () => undefined);
    },
    subscribe(listener) {
      const onMessage = (message: unknown): void => {
        listener(message);
      };
      target.on('message', onMessage);
      return () => target.off('message', onMessage);
    },
  };
}

export interface WorkerMetrics {
  /** The whole gateway's exposition text, or this worker's alone (marked partial) after `timeoutMs`. */
  requestClusterMetrics(timeoutMs: number): Promise<string>;
  /** Stops answering `collect`; pending requests resolve with the local text. */
  close(): void;
}

/**
 * Call once at worker start: from then on the worker answers the primary's
 * `collect` with its snapshot, and can ask for the merged text.
 */
export function createWorkerMetrics(options: {
  readonly registry: MetricsRegistry;
  readonly endpoint: IpcEndpoint;
}): WorkerMetrics {
  const { registry, endpoint } = options;
  const pending = new Map<number, (text: string) => void>();
  let nextId = 0;
  const localText = (): string =>
    renderExposition(withClusterStatus(registry.snapshot(), { partial: true, processes: 1 }));

  const unsubscribe = endpoint.subscribe((raw) => {
    const message = parseMetricsMessage(raw);
    if (message === undefined) return;
    switch (message.op) {
      case 'collect':
        trySend(endpoint, {
          ringfence: METRICS_CHANNEL,
          op: 'snapshot',
          id: message.id,
          snapshot: registry.snapshot(),
        });
        return;
      case 'reply':
        pending.get(message.id)?.(message.text);
        return;
      case 'request':
      case 'snapshot':
        return; // Addressed to the primary.
    }
  });

  return {
    requestClusterMetrics(timeoutMs) {
      return new Promise((resolve) => {
        const id = nextId;
        nextId = nextId >= Number.MAX_SAFE_INTEGER ? 0 : nextId + 1;
        const settle = (text: string): void => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(text);
        };
        const timer = setTimeout(() => {
          settle(localText());
        }, timeoutMs);
        timer.unref();
        pending.set(id, settle);
        // The primary refuses waits over 10 minutes; it only uses the value to stop in time.
        const request = { timeoutMs: Math.min(timeoutMs, 600_000), id };
        if (!trySend(endpoint, { ringfence: METRICS_CHANNEL, op: 'request', ...request })) {
          settle(localText());
        }
      });
    },
    close() {
      unsubscribe();
      for (const settle of [...pending.values()]) settle(localText());
    },
  };
}

export interface ServeClusterMetricsOptions {
  /** How long the primary waits for workers' snapshots; 1 s by default, and under the asker's timeout. */
  readonly collectTimeoutMs?: number;
  /** The primary's own registry, merged in when given. */
  readonly registry?: MetricsRegistry;
  readonly maxSeriesPerMetric?: number;
}

interface Collection {
  readonly id: number;
  readonly askers: { readonly worker: ClusterWorker; readonly id: number }[];
  readonly awaiting: Set<number>;
  readonly snapshots: RegistrySnapshot[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * Call once in the primary. Requests that arrive while a collection is
 * under way join it instead of starting another. Returns the stop function.
 */
export function serveClusterMetrics(
  cluster: ClusterPrimary,
  options: ServeClusterMetricsOptions = {},
): () => void {
  const collectTimeoutMs = options.collectTimeoutMs ?? 1_000;
  let current: Collection | undefined;
  let nextId = 0;

  const finish = (collection: Collection): void => {
    if (current !== collection) return;
    current = undefined;
    clearTimeout(collection.timer);
    const own = options.registry?.snapshot();
    const snapshots = own === undefined ? collection.snapshots : [...collection.snapshots, own];
    const merged = mergeSnapshots(
      snapshots,
      options.maxSeriesPerMetric === undefined
        ? {}
        : { maxSeriesPerMetric: options.maxSeriesPerMetric },
    );
    const status = { partial: collection.awaiting.size > 0, processes: snapshots.length };
    const text = renderExposition(withClusterStatus(merged, status));
    for (const asker of collection.askers) {
      if (!asker.worker.isConnected()) continue;
      trySendToWorker(asker.worker, {
        ringfence: METRICS_CHANNEL,
        op: 'reply',
        id: asker.id,
        text,
      });
    }
  };

  const start = (asker: ClusterWorker, id: number, timeoutMs: number): void => {
    if (current !== undefined) {
      current.askers.push({ worker: asker, id });
      return;
    }
    const collection: Collection = {
      id: nextId,
      askers: [{ worker: asker, id }],
      awaiting: new Set(),
      snapshots: [],
      timer: undefined,
    };
    nextId = nextId >= Number.MAX_SAFE_INTEGER ? 0 : nextId + 1;
    current = collection;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker === undefined || !worker.isConnected()) continue;
      const sent = trySendToWorker(worker, {
        ringfence: METRICS_CHANNEL,
        op: 'collect',
        id: collection.id,
      });
      if (sent) collection.awaiting.add(worker.id);
    }
    if (collection.awaiting.size === 0) {
      finish(collection);
      return;
    }
    // Answer before the asker gives up, so it gets the merged text rather than its own.
    const waitMs = Math.min(collectTimeoutMs, Math.floor(timeoutMs * 0.8));
    collection.timer = setTimeout(() => {
      finish(collection);
    }, waitMs);
    collection.timer.unref();
  };

  const onMessage = (worker: ClusterWorker, raw: unknown): void => {
    const message = parseMetricsMessage(raw);
    if (message === undefined) return;
    switch (message.op) {
      case 'request':
        start(worker, message.id, message.timeoutMs);
        return;
      case 'snapshot': {
        const collection = current;
        if (collection?.id !== message.id || !collection.awaiting.delete(worker.id)) return;
        collection.snapshots.push(message.snapshot);
        if (collection.awaiting.size === 0) finish(collection);
        return;
      }
      case 'collect':
      case 'reply':
        return; // Addressed to workers.
    }
  };

  cluster.on('message', onMessage);
  return () => {
    cluster.off('message', onMessage);
    if (current !== undefined) clearTimeout(current.timer);
    current = undefined;
  };
}

/** Adds `ringfence_metrics_partial` and `ringfence_metrics_processes` to a snapshot. */
export function withClusterStatus(
  snapshot: RegistrySnapshot,
  status: ClusterStatus,
): RegistrySnapshot {
  return {
    version: 1,
    metrics: [
      ...snapshot.metrics,
      {
        type: 'gauge',
        name: 'ringfence_metrics_partial',
        help: '1 when some gateway process did not answer in time and these numbers miss it.',
        labelNames: [],
        aggregation: 'max',
        series: [{ labels: [], value: status.partial ? 1 : 0 }],
      },
      {
        type: 'gauge',
        name: 'ringfence_metrics_processes',
        help: 'Gateway processes whose numbers this scrape includes.',
        labelNames: [],
        aggregation: 'sum',
        series: [{ labels: [], value: status.processes }],
      },
    ],
  };
}

function trySend(endpoint: IpcEndpoint, message: MetricsMessage): boolean {
  try {
    endpoint.send(message);
    return true;
  } catch {
    return false;
  }
}

/** `Worker.send` returning false only means "queued behind a backlog"; a throw is the failure. */
function trySendToWorker(worker: ClusterWorker, message: MetricsMessage): boolean {
  try {
    worker.send(message);
    return true;
  } catch {
    return false;
  }
}
