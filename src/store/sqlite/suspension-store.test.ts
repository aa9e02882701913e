import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { openSqliteStore } from './open-sqlite-store.ts';
import type { SqliteStore } from './open-sqlite-store.ts';

let directory: TempDirectory;
let path: string;
let stores: SqliteStore[];
let now: number;

function open(): SqliteStore {
  const store = openSqliteStore({ path, synchronous: 'normal', clock: () => now });
  stores.push(store);
  return store;
}

const patterns = (store: SqliteStore): string[] =>
  store.suspensions.list().map((entry) => `${entry.source}:${entry.pattern}:${entry.reason}`);

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'ringfence.db');
  stores = [];
  now = 100;
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await directory.remove();
});

describe('the SQLite suspension store', () => {
  it('suspends, replaces and resumes admin suspensions', async () => {
    const store = open();
    await expect(store.suspensions.suspend('openai/gpt-4o', 'incident', 'alice')).resolves.toEqual({
      pattern: 'openai/gpt-4o',
      reason: 'incident',
      source: 'admin',
      createdAt: 100,
      createdBy: 'alice',
    });
    await store.suspensions.suspend('openai/gpt-4o', 'still bad', 'bob');
    expect(patterns(store)).toEqual(['admin:openai/gpt-4o:still bad']);
    await expect(store.suspensions.resume('openai/gpt-4o')).resolves.toBe(true);
    await expect(store.suspensions.resume('openai/gpt-4o')).resolves.toBe(false);
    expect(store.suspensions.list()).toEqual([]);
  });

  it('replaces every feed suspension at once and leaves admin ones alone', async () => {
    const store = open();
    await store.suspensions.suspend('anthropic/*', 'manual', 'ops');
    await store.suspensions.replaceFeed([
      { pattern: 'a/1', reason: 'r1' },
      { pattern: 'b/2', reason: 'r2' },
    ]);
    now = 200;
    await store.suspensions.replaceFeed([
      { pattern: 'b/2', reason: 'r2' },
      { pattern: 'c/3', reason: 'old' },
      { pattern: 'c/3', reason: 'r3' },
    ]);
    expect(patterns(store)).toEqual(['admin:anthropic/*:manual', 'feed:b/2:r2', 'feed:c/3:r3']);
    const createdAt = Object.fromEntries(
      store.suspensions.list().map((entry) => [entry.pattern, entry.createdAt]),
    );
    // An entry that stayed in the feed keeps the time it first appeared.
    expect(createdAt).toEqual({ 'anthropic/*': 100, 'b/2': 100, 'c/3': 200 });
    await expect(store.suspensions.resume('b/2')).resolves.toBe(false);
    await store.suspensions.replaceFeed([]);
    expect(patterns(store)).toEqual(['admin:anthropic/*:manual']);
  });

  it('keeps the previous feed whole when a replacement fails part-way', async () => {
    const store = open();
    await store.suspensions.replaceFeed([{ pattern: 'old/1', reason: 'r' }]);
    const connection = new Database(path);
    connection.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON suspensions
      WHEN NEW.pattern = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    connection.close();
    await expect(
      store.suspensions.replaceFeed([
        { pattern: 'new/1', reason: 'r' },
        { pattern: 'boom', reason: 'r' },
      ]),
    ).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(patterns(store)).toEqual(['feed:old/1:r']);
  });

  it('writes nothing and keeps the revision when the feed is unchanged', async () => {
    const store = open();
    const entries = [{ pattern: 'a/1', reason: 'r' }];
    await store.suspensions.replaceFeed(entries);
    const revision = store.revision();
    await store.suspensions.replaceFeed(entries);
    expect(store.revision()).toBe(revision);
  });

  it('shows another store’s changes on its next list', async () => {
    const gateway = open();
    const cli = open();
    expect(gateway.suspensions.list()).toEqual([]);
    await cli.suspensions.suspend('x/y', 'stop', 'cli');
    expect(patterns(gateway)).toEqual(['admin:x/y:stop']);
    await cli.suspensions.resume('x/y');
    expect(gateway.suspensions.list()).toEqual([]);
  });

  it('rejects empty or oversized patterns', async () => {
    const store = open();
    await expect(store.suspensions.suspend('', 'r', 'me')).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      store.suspensions.replaceFeed([{ pattern: 'x'.repeat(10_000), reason: '' }]),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(store.suspensions.list()).toEqual([]);
  });
});
