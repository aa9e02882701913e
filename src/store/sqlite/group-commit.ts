/**
 * The group-commit writer: every durable write goes through it.
 *
 * Operations queued in the same event-loop turn share one `BEGIN IMMEDIATE`
 * transaction, flushed on `setImmediate`; each caller's promise settles only
 * after COMMIT returned, so nothing is acknowledged that is not durable (to
 * the `synchronous` level chosen). One fsync (or WAL append) per batch
 * instead of per write is what lets the audit log keep up with the gateway.
 *
 * Several processes (cluster workers, the CLI) write the same file. SQLite's
 * busy handler would sleep inside the call and stall the event loop, so the
 * connection runs with `busy_timeout = 0` and a busy `BEGIN` is retried here:
 * on the next turns first, then with a short backoff, for at most
 * `lockWaitMs`, after which the queue is rejected and its callers fail
 * closed.
 */
import type Database from 'better-sqlite3';

import { GatewayError } from '../../errors.ts';
import { isBusy, isOperationError, toStoreError } from './sqlite-errors.ts';
import type { StoreErrorCode } from './sqlite-errors.ts';

/** The transaction an operation runs in. */
export interface Batch {
  /** New for every transaction attempt, so per-batch state is never reused after a rollback. */
  readonly id: number;
  /** Runs `task` inside the transaction, after every operation and before COMMIT. */
  beforeCommit(task: () => void): void;
}

/** A synchronous unit of work run inside the batch transaction; its result resolves the caller's promise. */
export type WriteOperation<T> = (batch: Batch) => T;

export interface GroupCommitOptions {
  /** Operations per transaction; the rest wait for the next flush. */
  readonly maxBatch?: number;
  /** Longest wait for another process's write lock before the queue is rejected. */
  readonly lockWaitMs?: number;
  /** Operations that may wait at once; beyond it writes fail fast instead of piling up. */
  readonly maxQueue?: number;
}

interface Pending {
  readonly operation: WriteOperation<unknown>;
  readonly errorCode: StoreErrorCode;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Retries on the next turn before backing off: most locks are held for well under a millisecond. */
const IMMEDIATE_RETRIES = 4;
const MAX_BACKOFF_MS = 5;

export class GroupCommitWriter {
  readonly #database: Database.Database;
  readonly #maxBatch: number;
  readonly #lockWaitMs: number;
  readonly #maxQueue: number;
  #queue: Pending[] = [];
  #scheduled = false;
  #deferredTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #batchId = 0;
  #busyRetries = 0;
  #busySince = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(database: Database.Database, options: GroupCommitOptions = {}) {
    this.#database = database;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#lockWaitMs = options.lockWaitMs ?? 2_000;
    this.#maxQueue = options.maxQueue ?? 65_536;
  }

  /** Operations waiting for a transaction. */
  get pending(): number {
    return this.#queue.length;
  }

  /**
   * Queues `operation`; resolves with its result once its transaction
   * committed. With `deferMs`, the operation does not start a transaction of
   * its own: it rides with the next one started by an undeferred operation,
   * or is flushed after `deferMs` at the latest. For writes nobody waits on
   * (audit outcomes), this halves the transactions per request at low load.
   */
  enqueue<T>(
    operation: WriteOperation<T>,
    errorCode: StoreErrorCode,
    deferMs?: number,
  ): Promise<T> {
    if (this.#closed) {
      return Promise.reject(
        new GatewayError(errorCode, 'The store is closed.', { retryable: false }),
      );
    }
    if (this.#queue.length >= this.#maxQueue) {
      return Promise.reject(
        new GatewayError(errorCode, 'The store is overloaded.', { retryable: false }),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        operation,
        errorCode,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (deferMs === undefined || deferMs <= 0) this.#schedule(0);
      else this.#scheduleDeferred(deferMs);
    });
  }

  /** Refuses new operations and resolves once everything queued has settled. */
  close(): Promise<void> {
    this.#closed = true;
    // Deferred writes are flushed now rather than after their delay.
    if (this.#deferredTimer !== undefined && this.#queue.length > 0) this.#schedule(0);
    if (this.#queue.length === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #scheduleDeferred(deferMs: number): void {
    if (this.#scheduled || this.#deferredTimer !== undefined) return;
    this.#deferredTimer = setTimeout(() => {
      this.#deferredTimer = undefined;
      if (!this.#scheduled) this.#flush();
    }, deferMs);
  }

  #schedule(delayMs: number): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const flush = (): void => {
      this.#flush();
    };
    if (delayMs === 0) setImmediate(flush);
    else setTimeout(flush, delayMs);
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#deferredTimer !== undefined) {
      // Deferred writes ride with this transaction.
      clearTimeout(this.#deferredTimer);
      this.#deferredTimer = undefined;
    }
    if (this.#queue.length > 0) this.#runBatch();
    if (this.#queue.length > 0) this.#schedule(this.#busyDelay());
    else this.#notifyIdle();
  }

  #runBatch(): void {
    const database = this.#database;
    try {
      database.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (isBusy(error)) this.#onBusy(error);
      else this.#rejectAll(this.#queue.splice(0, this.#maxBatch), error);
      return;
    }
    this.#busyRetries = 0;
    const items = this.#queue.splice(0, this.#maxBatch);
    const tasks: (() => void)[] = [];
    const batch: Batch = { id: ++this.#batchId, beforeCommit: (task) => tasks.push(task) };
    const results: unknown[] = [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as Pending;
      try {
        results.push(item.operation(batch));
      } catch (error) {
        this.#rollback();
        if (isBusy(error)) {
          this.#queue.unshift(...items);
          this.#onBusy(error);
        } else if (isOperationError(error)) {
          // Only this operation is at fault: fail it and retry the others in a fresh transaction.
          item.reject(toStoreError(item.errorCode, error));
          items.splice(index, 1);
          this.#queue.unshift(...items);
        } else {
          this.#rejectAll(items, error);
        }
        return;
      }
    }
    try {
      for (const task of tasks) task();
      database.exec('COMMIT');
    } catch (error) {
      this.#rollback();
      if (isBusy(error)) {
        this.#queue.unshift(...items);
        this.#onBusy(error);
      } else {
        this.#rejectAll(items, error);
      }
      return;
    }
    for (let index = 0; index < items.length; index++) {
      (items[index] as Pending).resolve(results[index]);
    }
  }

  /**
   * Leaves the queue in place to be retried, unless the lock has been busy
   * too long: then everything queued fails at once, so callers fail fast
   * instead of each waiting out its own timeout behind a stuck lock.
   */
  #onBusy(error: unknown): void {
    const now = performance.now();
    if (this.#busyRetries === 0) this.#busySince = now;
    this.#busyRetries++;
    if (now - this.#busySince > this.#lockWaitMs) {
      this.#busyRetries = 0;
      this.#rejectAll(this.#queue.splice(0), error);
    }
  }

  #busyDelay(): number {
    if (this.#busyRetries <= IMMEDIATE_RETRIES) return 0;
    return Math.min(2 ** (this.#busyRetries - IMMEDIATE_RETRIES - 1), MAX_BACKOFF_MS);
  }

  #rollback(): void {
    if (!this.#database.inTransaction) return;
    try {
      this.#database.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
  }

  #rejectAll(items: readonly Pending[], error: unknown): void {
    for (const item of items) item.reject(toStoreError(item.errorCode, error));
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
