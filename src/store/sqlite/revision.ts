/**
 * The store revision: a counter in `meta` bumped in the same transaction as
 * every key or suspension change, by any process. Reading it is one
 * prepared point lookup (a few microseconds, see the benchmark in the
 * report, reused for the rest of an event-loop turn), so every request can
 * check it and pick up changes made by the CLI or another worker from the
 * next turn on.
 *
 * `PRAGMA data_version` alone would not do: it changes on every commit by
 * another connection, audit appends included, so caches would reload
 * thousands of times a second.
 */
import type Database from 'better-sqlite3';

import { isBusy, toStoreError } from './sqlite-errors.ts';

export interface RevisionCounter {
  /** The current revision; throws a store_unavailable GatewayError if the store cannot be read. */
  read(): number;
  /** Increments the revision; call inside the transaction making the change. */
  bump(): void;
}

export function createRevisionCounter(database: Database.Database): RevisionCounter {
  const select = database
    .prepare<[], number>("SELECT value FROM meta WHERE key = 'revision'")
    .pluck();
  const increment = database.prepare("UPDATE meta SET value = value + 1 WHERE key = 'revision'");
  let last = 0;
  // A read stays valid until the end of the current event-loop turn: the
  // requests handled in one turn (several under load) share one SELECT
  // instead of each paying a few microseconds two or three times (open mode,
  // keys, suspensions). Another process's change is seen from the next turn,
  // no later than a read racing its COMMIT would see it. docs/BENCHMARKS.md.
  let fresh = false;
  const expire = (): void => {
    fresh = false;
  };
  return {
    read() {
      if (fresh) return last;
      try {
        last = select.get() ?? 0;
        fresh = true;
        setImmediate(expire);
        return last;
      } catch (error) {
        // A reader is only ever busy during WAL recovery by another connection; the
        // previous value is at most one change old and the next request reads again.
        if (isBusy(error)) return last;
        throw toStoreError('store_unavailable', error);
      }
    },
    bump() {
      increment.run();
      // This connection sees its own change at once, as without the per-turn reuse.
      fresh = false;
    },
  };
}

/**
 * A value derived from the database, recomputed only when the revision
 * moved. The revision is read before loading, so a change committed during
 * the load only causes one more reload, never a stale cache.
 */
export function cachedByRevision<T>(revision: RevisionCounter, load: () => T): () => T {
  let loadedAt = -1;
  let value: T | undefined;
  return () => {
    const current = revision.read();
    if (value === undefined || current !== loadedAt) {
      value = load();
      loadedAt = current;
    }
    return value;
  };
}
