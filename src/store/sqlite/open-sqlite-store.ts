/**
 * Opens the embedded SQLite store: one connection per process, WAL mode so
 * readers never block the writer, and every write through the group-commit
 * writer. Several processes (cluster workers, the CLI) may open the same
 * file at once.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import type { Store } from '../types.ts';
import { GroupCommitWriter } from './group-commit.ts';
import { createSqliteKeyStore } from './key-store.ts';
import { migrate } from './migrations.ts';
import { createSqliteRateLimitStore } from './rate-limit-store.ts';
import { createRevisionCounter } from './revision.ts';
import { createSqliteAuditLog } from './sqlite-audit-log.ts';
import type { SqliteAuditLog } from './sqlite-audit-log.ts';
import { toStoreError } from './sqlite-errors.ts';
import { createSqliteSuspensionStore } from './suspension-store.ts';

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
}

/** The SQLite store: the {@link Store} interface with the richer audit log. */
export interface SqliteStore extends Store {
  readonly audit: SqliteAuditLog;
}

/** Startup may wait on another process migrating or switching to WAL; requests never do. */
const STARTUP_BUSY_TIMEOUT_MS = 10_000;

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const clock = options.clock ?? Date.now;
  const database = openDatabase(options.path, options.synchronous);
  const writer = new GroupCommitWriter(database, {
    ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
  });
  const revision = createRevisionCounter(database);
  let closing: Promise<void> | undefined;

  return {
    audit: createSqliteAuditLog(database, writer, clock),
    keys: createSqliteKeyStore(database, writer, revision, clock),
    suspensions: createSqliteSuspensionStore(database, writer, revision, clock),
    rateLimits: createSqliteRateLimitStore(database, writer, clock),
    revision: () => revision.read(),
    close() {
      closing ??= writer.close().then(() => {
        database.close();
      });
      return closing;
    },
  };
}

function openDatabase(path: string, synchronous: 'normal' | 'full'): Database.Database {
  let database: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The file holds key hashes and the audit log: owner-only. SQLite gives the
    // -wal and -shm files the database file's permissions.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    database = new Database(path);
    database.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
    const mode = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)})`);
    database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
    migrate(database);
    // From here on a busy lock is retried asynchronously by the writer; a
    // busy handler would sleep and block the event loop.
    database.pragma('busy_timeout = 0');
    return database;
  } catch (error) {
    database?.close();
    throw toStoreError('store_unavailable', error);
  }
}
