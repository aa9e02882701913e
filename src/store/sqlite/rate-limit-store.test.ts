import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RateLimit } from '../types.ts';
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

async function takeMany(store: SqliteStore, bucket: string, limit: RateLimit, count: number) {
  return Promise.all(Array.from({ length: count }, () => store.rateLimits.take(bucket, limit)));
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'ringfence.db');
  stores = [];
  now = 1_000_000;
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await directory.remove();
});

describe('the SQLite rate-limit store', () => {
  it('allows a full burst, then denies with the time until the next token', async () => {
    const store = open();
    const limit = { ratePerMinute: 60 };
    const decisions = await takeMany(store, 'key_a', limit, 61);
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(60);
    expect(decisions[60]).toEqual({ allowed: false, retryAfterMs: 1_000 });
    now += 400;
    await expect(store.rateLimits.take('key_a', limit)).resolves.toEqual({
      allowed: false,
      retryAfterMs: 600,
    });
    now += 600;
    await expect(store.rateLimits.take('key_a', limit)).resolves.toEqual({ allowed: true });
    await expect(store.rateLimits.take('key_a', limit)).resolves.toMatchObject({ allowed: false });
  });

  it('honours a burst smaller than the rate and refills no further than the burst', async () => {
    const store = open();
    const limit = { ratePerMinute: 600, burst: 2 };
    const decisions = await takeMany(store, 'b', limit, 3);
    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterMs: 100 },
    ]);
    now += 60_000;
    const later = await takeMany(store, 'b', limit, 3);
    expect(later.map((decision) => decision.allowed)).toEqual([true, true, false]);
  });

  it('keeps buckets independent', async () => {
    const store = open();
    const limit = { ratePerMinute: 1 };
    await expect(store.rateLimits.take('one', limit)).resolves.toEqual({ allowed: true });
    await expect(store.rateLimits.take('two', limit)).resolves.toEqual({ allowed: true });
    await expect(store.rateLimits.take('one', limit)).resolves.toEqual({
      allowed: false,
      retryAfterMs: 60_000,
    });
  });

  it('shares one bucket between stores on the same file', async () => {
    const first = open();
    const second = open();
    const limit = { ratePerMinute: 10 };
    const decisions = (
      await Promise.all([takeMany(first, 'shared', limit, 8), takeMany(second, 'shared', limit, 8)])
    ).flat();
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
  });

  it('does not drain the bucket when the clock steps backwards', async () => {
    const store = open();
    const limit = { ratePerMinute: 60, burst: 1 };
    await store.rateLimits.take('c', limit);
    now -= 10_000;
    await expect(store.rateLimits.take('c', limit)).resolves.toEqual({
      allowed: false,
      retryAfterMs: 1_000,
    });
  });

  it('rejects a nonsensical limit instead of allowing everything', async () => {
    const store = open();
    await expect(store.rateLimits.take('d', { ratePerMinute: 0 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      store.rateLimits.take('d', { ratePerMinute: 10, burst: 0.5 }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(store.rateLimits.take('', { ratePerMinute: 10 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
