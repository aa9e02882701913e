import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GatewayError } from '../../errors.ts';
import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import { openSqliteStore } from './open-sqlite-store.ts';
import type { SqliteStore, SqliteStoreOptions } from './open-sqlite-store.ts';

let directory: TempDirectory;
let path: string;
let stores: SqliteStore[];

function open(options: Partial<SqliteStoreOptions> = {}): SqliteStore {
  const store = openSqliteStore({ path, synchronous: 'normal', ...options });
  stores.push(store);
  return store;
}

function inspect<T>(read: (connection: Database.Database) => T): T {
  const connection = new Database(path, { readonly: true });
  try {
    return read(connection);
  } finally {
    connection.close();
  }
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'nested', 'data', 'ringfence.db');
  stores = [];
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await directory.remove();
});

describe('openSqliteStore', () => {
  it('creates the directory and an owner-only database in WAL mode at the current schema', () => {
    open();
    if (process.platform !== 'win32') {
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(inspect((connection) => connection.pragma('journal_mode', { simple: true }))).toBe(
      'wal',
    );
    expect(inspect((connection) => connection.pragma('user_version', { simple: true }))).toBe(
      SCHEMA_VERSION,
    );
  });

  it('tightens the permissions of an existing database file', async () => {
    open();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    if (process.platform === 'win32') return;
    chmodSync(path, 0o644);
    open();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['normal', 1],
    ['full', 2],
  ] as const)('sets synchronous=%s, foreign keys on and no busy timeout', (mode, level) => {
    const connection = openDatabase(path, mode);
    try {
      expect(connection.pragma('synchronous', { simple: true })).toBe(level);
      expect(connection.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(connection.pragma('busy_timeout', { simple: true })).toBe(0);
      expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      connection.close();
    }
  });

  it('keeps data across reopening', async () => {
    const first = open();
    const { secret } = await first.keys.create({ name: 'k' });
    await first.audit.append({ type: 't', data: { n: 1 } });
    await Promise.all(stores.splice(0).map((store) => store.close()));
    const second = open();
    expect(second.keys.findBySecret(secret)?.name).toBe('k');
    expect(second.audit.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses a database written by a newer schema', async () => {
    open();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    const connection = new Database(path);
    connection.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    connection.close();
    expect(() => open()).toThrow(GatewayError);
    expect(() => open()).toThrow(/newer/);
  });

  it('turns an unopenable path into store_unavailable', () => {
    const blocker = join(directory.path, 'file');
    open({ path: blocker });
    expect(() => open({ path: join(blocker, 'child.db') })).toThrow(
      expect.objectContaining({ code: 'store_unavailable' }),
    );
  });
});

describe('the store revision', () => {
  it('moves on key and suspension changes from any store, and not on audit or rate limits', async () => {
    const gateway = open();
    const cli = open();
    const start = gateway.revision();
    await cli.audit.append({ type: 't', data: {} });
    await cli.rateLimits.take('b', { ratePerMinute: 5 });
    expect(gateway.revision()).toBe(start);
    const { record } = await cli.keys.create({ name: 'k' });
    const afterCreate = gateway.revision();
    expect(afterCreate).toBeGreaterThan(start);
    await cli.suspensions.suspend('p', 'r', 'me');
    expect(gateway.revision()).toBeGreaterThan(afterCreate);
    const beforeNoop = gateway.revision();
    await cli.keys.revoke('key_unknown');
    await cli.suspensions.resume('unknown');
    expect(gateway.revision()).toBe(beforeNoop);
    await cli.keys.revoke(record.id);
    expect(gateway.revision()).toBeGreaterThan(beforeNoop);
  });
});

describe('closing the store', () => {
  it('commits what was queued before close resolves', async () => {
    const store = open();
    const pending = Array.from({ length: 20 }, (_, index) =>
      store.audit.append({ type: 't', data: { index } }),
    );
    await store.close();
    await Promise.all(pending);
    const reopened = open();
    expect(reopened.audit.verify()).toMatchObject({ ok: true, entries: 20 });
  });

  it('rejects every later write with the matching code and is idempotent', async () => {
    const store = open();
    await store.close();
    await store.close();
    await expect(store.audit.append({ type: 't', data: {} })).rejects.toMatchObject({
      code: 'audit_unavailable',
    });
    await expect(store.keys.create({ name: 'k' })).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    await expect(store.rateLimits.take('b', { ratePerMinute: 1 })).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    expect(() => store.revision()).toThrow(expect.objectContaining({ code: 'store_unavailable' }));
    expect(() => store.keys.list()).toThrow(expect.objectContaining({ code: 'store_unavailable' }));
  });
});
