/**
 * Opens and prepares the SQLite connection: owner-only file, WAL, the
 * chosen durability, foreign keys, the schema, and no busy handler.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { migrate } from './migrations.ts';
import { toStoreError } from './sqlite-errors.ts';

/** Startup may wait on another process migrating or switching to WAL; requests never do. */
const STARTUP_BUSY_TIMEOUT_MS = 10_000;
/** Page cache per connection, in KiB. */
const CACHE_KIB = 16_384;

/**
 * `normal` maps to synchronous=NORMAL, which in WAL mode loses no commit on a
 * process crash, only possibly the last ones on power loss; `full` syncs
 * the WAL on every commit (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
export function openDatabase(path: string, synchronous: 'normal' | 'full'): Database.Database {
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
    // Random inserts into the audit indexes touch many pages; the 2 MB default cache thrashes.
    database.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(database);
    // From here on a busy lock is retried asynchronously by the group-commit
    // writer; SQLite's busy handler would sleep and block the event loop.
    database.pragma('busy_timeout = 0');
    return database;
  } catch (error) {
    database?.close();
    throw toStoreError('store_unavailable', error);
  }
}
