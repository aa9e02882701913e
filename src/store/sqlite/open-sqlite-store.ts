/**
 * Opens the embedded SQLite store: one connection per process, WAL mode so
 * readers never block the writer, and every write through the group-commit
 * writer. Several processes (cluster workers, the CLI) may open the same
 * file at once.
 */
import type { Store } from '../types.ts';
import { GroupCommitWriter } from './group-commit.ts';
import { createSqliteKeyStore } from './key-store.ts';
import { openDatabase } from './open-database.ts';
import { createSqliteRateLimitStore } from './rate-limit-store.ts';
import { createRevisionCounter } from './revision.ts';
import { createSqliteAuditLog } from './sqlite-audit-log.ts';
import type { SqliteAuditLog } from './sqlite-audit-log.ts';
import { createSqliteSuspensionStore } from './suspension-store.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';
import type { WalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  readonly path: string;
  /**
   * `normal`: WAL with synchronous=NORMAL; a commit survives a process crash
   * but the last ones may be lost on power loss. `full`: fsync on every
   * commit (batch), surviving power loss too (https://www.sqlite.org/pragma.html#pragma_synchronous).
   */
  readonly synchronous: 'normal' | 'full';
  /** Milliseconds since the epoch; injected by tests. */
  readonly clock?: () => number;
  /** Longest wait for another process's write lock before writes fail (default 2000). */
  readonly lockWaitMs?: number;
  /** Most operations per transaction (default 512). */
  readonly maxBatch?: number;
  /**
   * `background` (default): WAL checkpoints run on a worker thread, off the
   * event loop (see `wal-checkpointer.ts`). `inline`: SQLite's automatic
   * checkpoints, for short-lived processes such as the CLI.
   */
  readonly walCheckpoint?: 'background' | 'inline';
  /** How often the background checkpointer runs (default 500 ms). */
  readonly checkpointIntervalMs?: number;
}

/** The SQLite store: the {@link Store} interface with the richer audit log. */
export interface SqliteStore extends Store {
  readonly audit: SqliteAuditLog;
  /** Background WAL checkpoints so far; undefined with `walCheckpoint: 'inline'`. */
  readonly checkpoints: WalCheckpointer['stats'] | undefined;
}

/** SQLite's default automatic checkpoint threshold, in pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const clock = options.clock ?? Date.now;
  const database = openDatabase(options.path, options.synchronous);
  const writer = new GroupCommitWriter(database, {
    ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
  });
  const revision = createRevisionCounter(database);
  let closing: Promise<void> | undefined;
  let checkpointer: WalCheckpointer | undefined;
  if (options.walCheckpoint !== 'inline') {
    database.pragma('wal_autocheckpoint = 0');
    checkpointer = startWalCheckpointer(options.path, options.checkpointIntervalMs ?? 500, () => {
      // Without the worker, fall back to checkpoints inside commits: slower, but bounded.
      if (database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    });
  }

  return {
    audit: createSqliteAuditLog(database, writer, clock),
    keys: createSqliteKeyStore(database, writer, revision, clock),
    suspensions: createSqliteSuspensionStore(database, writer, revision, clock),
    rateLimits: createSqliteRateLimitStore(database, writer, clock),
    checkpoints: checkpointer?.stats,
    revision: () => revision.read(),
    close() {
      closing ??= (async () => {
        await writer.close();
        await checkpointer?.stop();
        // Closing the last connection checkpoints the WAL and removes it.
        database.close();
      })();
      return closing;
    },
  };
}
