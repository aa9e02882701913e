/**
 * Checkpoints the WAL on a worker thread.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses the
 * threshold (https://www.sqlite.org/wal.html#automatic_checkpoint): it
 * copies pages into the database file and syncs it, which can take tens of
 * milliseconds, all on the event loop. Here the store's connection has
 * automatic checkpoints off and a second connection on a worker thread runs
 * PASSIVE checkpoints periodically; PASSIVE never blocks readers or writers
 * (they proceed in the WAL while it copies). Several processes each running
 * one is fine: a checkpoint already in progress makes the others no-ops.
 *
 * The worker is given as source text so it runs unchanged from `src/` under
 * a test runner and from `dist/`. If it dies, `onFailure` lets the store fall
 * back to automatic checkpoints so the WAL cannot grow without bound.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Checkpoints that moved at least one frame, and the frames moved. */
  readonly stats: { readonly checkpoints: number; readonly frames: number };
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/** Plain CommonJS run in the worker: opens its own connection and checkpoints on a timer. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const database = new Database(workerData.path, { fileMustExist: true });
database.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    const [result] = database.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.checkpointed > 0) parentPort.postMessage(result.checkpointed);
  } catch {
    // Busy (another process is checkpointing) or transient: the next tick retries.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

export function startWalCheckpointer(
  path: string,
  intervalMs: number,
  onFailure: (error: unknown) => void,
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: driverPath, path, intervalMs },
  });
  // Never keeps the process alive on its own.
  worker.unref();
  const stats = { checkpoints: 0, frames: 0 };
  let stopping = false;
  let failed = false;
  const fail = (error: unknown): void => {
    if (stopping || failed) return;
    failed = true;
    onFailure(error);
  };
  worker.on('message', (frames: number) => {
    stats.checkpoints++;
    stats.frames += frames;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    fail(new Error(`The WAL checkpoint worker exited with code ${code}`));
  });
  let stopped: Promise<void> | undefined;
  return {
    stats,
    stop() {
      stopping = true;
      stopped ??= (async () => {
        if (worker.threadId === -1) return;
        const exited = once(worker, 'exit');
        // Unreferenced, the worker would not keep the process alive while it shuts down.
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopped;
    },
  };
}
