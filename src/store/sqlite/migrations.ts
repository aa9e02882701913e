/**
 * Schema migrations, tracked in `PRAGMA user_version` (the schema version):
 * migration N (1-based) moves the database from version N-1 to N. Only ever
 * append to the list; never edit a released migration.
 */
import type Database from 'better-sqlite3';

import { GatewayError } from '../../errors.ts';
import { GENESIS_HASH } from '../../audit/hash-chain.ts';

export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO meta (key, value) VALUES ('revision', 0);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    request_id TEXT,
    key_id TEXT,
    alias TEXT,
    outcome TEXT,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_key_id ON audit (key_id);
  CREATE INDEX audit_alias ON audit (alias);
  -- Only outcome records have an outcome: a partial index halves its writes.
  CREATE INDEX audit_outcome ON audit (outcome) WHERE outcome IS NOT NULL;
  CREATE INDEX audit_ts ON audit (ts);
  CREATE INDEX audit_request_id ON audit (request_id);

  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  );
  INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');

  CREATE TABLE gateway_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    models TEXT NOT NULL,
    region TEXT NOT NULL,
    labels TEXT NOT NULL,
    rpm INTEGER,
    allow_direct INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) WITHOUT ROWID;

  CREATE TABLE suspensions (
    source TEXT NOT NULL CHECK (source IN ('admin', 'feed')),
    pattern TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (source, pattern)
  ) WITHOUT ROWID;

  CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema up to {@link SCHEMA_VERSION}. Runs in one IMMEDIATE
 * transaction and re-reads the version inside it, so workers starting
 * together migrate once. Refuses a database written by a newer ringfence.
 */
export function migrate(database: Database.Database): void {
  database.exec('BEGIN IMMEDIATE');
  try {
    const current = Number(database.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      throw new GatewayError(
        'store_unavailable',
        `The database schema (version ${current}) is newer than this ringfence supports (${SCHEMA_VERSION}).`,
      );
    }
    for (let version = current; version < SCHEMA_VERSION; version++) {
      database.exec(MIGRATIONS[version] ?? '');
    }
    if (current !== SCHEMA_VERSION) database.pragma(`user_version = ${SCHEMA_VERSION}`);
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}
