/**
 * The IPC messages of cluster-wide metrics. Every message carries
 * `ringfence: 'metrics'` so other users of the worker channel (node:cluster
 * itself, other features) can share it: anything else is ignored.
 *
 * worker → primary  `request`  (a worker's `/metrics` wants the whole gateway)
 * primary → workers `collect`  (send me your snapshot)
 * worker → primary  `snapshot` (the answer to `collect`)
 * primary → worker  `reply`    (the merged exposition text, to the asker)
 */
import { isRegistrySnapshot } from './metric-snapshot.ts';
import type { RegistrySnapshot } from './metric-snapshot.ts';

export const METRICS_CHANNEL = 'metrics';

interface MessageBase {
  readonly ringfence: typeof METRICS_CHANNEL;
  /** Chosen by the sender of `request` / `collect`; echoed in `reply` / `snapshot`. */
  readonly id: number;
}

export interface MetricsRequestMessage extends MessageBase {
  readonly op: 'request';
  /** How long the asker waits; the primary stops collecting before then. */
  readonly timeoutMs: number;
}

export interface MetricsCollectMessage extends MessageBase {
  readonly op: 'collect';
}

export interface MetricsSnapshotMessage extends MessageBase {
  readonly op: 'snapshot';
  readonly snapshot: RegistrySnapshot;
}

export interface MetricsReplyMessage extends MessageBase {
  readonly op: 'reply';
  readonly text: string;
}

export type MetricsMessage =
  MetricsRequestMessage | MetricsCollectMessage | MetricsSnapshotMessage | MetricsReplyMessage;

/** A metrics message, or `undefined` for anything else (another feature's message, or malformed). */
export function parseMetricsMessage(value: unknown): MetricsMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Readonly<Record<string, unknown>>;
  const id = message['id'];
  if (message['ringfence'] !== METRICS_CHANNEL || !isMessageId(id)) return undefined;
  const op = message['op'];
  switch (op) {
    case 'request': {
      const timeoutMs = message['timeoutMs'];
      return typeof timeoutMs === 'number' && timeoutMs >= 0 && timeoutMs <= 600_000
        ? { ringfence: METRICS_CHANNEL, op, id, timeoutMs }
        : undefined;
    }
    case 'collect':
      return { ringfence: METRICS_CHANNEL, op, id };
    case 'snapshot': {
      const snapshot = message['snapshot'];
      return isRegistrySnapshot(snapshot)
        ? { ringfence: METRICS_CHANNEL, op, id, snapshot }
        : undefined;
    }
    case 'reply': {
      const text = message['text'];
      return typeof text === 'string' ? { ringfence: METRICS_CHANNEL, op, id, text } : undefined;
    }
    default:
      return undefined;
  }
}

function isMessageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
