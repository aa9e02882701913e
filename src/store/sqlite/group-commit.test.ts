import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GatewayError } from '../../errors.ts';
import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { GroupCommitWriter } from './group-commit.ts';
import type { Batch } from './group-commit.ts';

let directory: TempDirectory;
let path: string;
let database: Database.Database;
const opened: Database.Database[] = [];

function connect(): Database.Database {
  const connection = new Database(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 0');
  opened.push(connection);
  return connection;
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'test.db');
  database = connect();
  database.exec('CREATE TABLE items (value INTEGER NOT NULL CHECK (value >= 0))');
});

afterEach(async () => {
  for (const connection of opened.splice(0)) connection.close();
  await directory.remove();
});

function insert(value: number): (batch: Batch) => number {
  return (batch) => {
    database.prepare('INSERT INTO items (value) VALUES (?)').run(value);
    return batch.id;
  };
}

const count = (connection: Database.Database): number =>
  connection.prepare<[], number>('SELECT count(*) FROM items').pluck().get() ?? 0;

describe('GroupCommitWriter', () => {
  it('runs everything queued in one event-loop turn in one transaction', async () => {
    const writer = new GroupCommitWriter(database);
    const batches = await Promise.all(
      [1, 2, 3, 4, 5].map((value) => writer.enqueue(insert(value), 'store_unavailable')),
    );
    expect(new Set(batches).size).toBe(1);
    expect(count(database)).toBe(5);
  });

  it('lets a deferred operation join the next transaction started by an undeferred one', async () => {
    const writer = new GroupCommitWriter(database);
    const deferred = writer.enqueue(insert(1), 'store_unavailable', 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    // Still waiting: nothing started a transaction yet.
    expect(count(database)).toBe(0);
    const immediate = writer.enqueue(insert(2), 'store_unavailable');
    const [deferredBatch, immediateBatch] = await Promise.all([deferred, immediate]);
    expect(deferredBatch).toBe(immediateBatch);
    expect(count(database)).toBe(2);
  });

  it('flushes a deferred operation on its own after its delay, and at once on close', async () => {
    const writer = new GroupCommitWriter(database);
    const started = performance.now();
    await writer.enqueue(insert(1), 'store_unavailable', 30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(count(database)).toBe(1);
    const pending = writer.enqueue(insert(2), 'store_unavailable', 60_000);
    await writer.close();
    await pending;
    expect(count(database)).toBe(2);
  });

  it('settles a promise only once its transaction is visible to other connections', async () => {
    const writer = new GroupCommitWriter(database);
    const other = connect();
    let seenInside = -1;
    await writer.enqueue(() => {
      database.prepare('INSERT INTO items (value) VALUES (1)').run();
      seenInside = count(other);
    }, 'store_unavailable');
    expect(seenInside).toBe(0);
    expect(count(other)).toBe(1);
  });

  it('caps the operations per transaction and carries the rest to the next flush', async () => {
    const writer = new GroupCommitWriter(database, { maxBatch: 4 });
    const batches = await Promise.all(
      Array.from({ length: 10 }, (_, value) => writer.enqueue(insert(value), 'store_unavailable')),
    );
    const sizes = [...new Set(batches)].map((id) => batches.filter((batch) => batch === id).length);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('runs before-commit tasks once per transaction, after the operations', async () => {
    const writer = new GroupCommitWriter(database);
    const order: string[] = [];
    const operation = (name: string) => (batch: Batch) => {
      order.push(name);
      if (name === 'a') batch.beforeCommit(() => order.push('task'));
    };
    await Promise.all([
      writer.enqueue(operation('a'), 'store_unavailable'),
      writer.enqueue(operation('b'), 'store_unavailable'),
    ]);
    expect(order).toEqual(['a', 'b', 'task']);
  });

  it('fails only the operation at fault and commits the rest of its batch', async () => {
    const writer = new GroupCommitWriter(database);
    const results = await Promise.allSettled([
      writer.enqueue(insert(1), 'store_unavailable'),
      writer.enqueue(insert(-1), 'audit_unavailable'),
      writer.enqueue(insert(3), 'store_unavailable'),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = results[1] as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(GatewayError);
    expect((failure.reason as GatewayError).code).toBe('audit_unavailable');
    expect(((failure.reason as GatewayError).cause as { code: string }).code).toBe(
      'SQLITE_CONSTRAINT_CHECK',
    );
    expect(database.prepare('SELECT value FROM items ORDER BY value').pluck().all()).toEqual([
      1, 3,
    ]);
  });

  it('rejects the whole batch and commits nothing when the database fails', async () => {
    const writer = new GroupCommitWriter(database);
    const results = await Promise.allSettled([
      writer.enqueue(insert(1), 'store_unavailable'),
      writer.enqueue(() => database.exec('INSERT INTO missing VALUES (1)'), 'store_unavailable'),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(count(database)).toBe(0);
    expect(database.inTransaction).toBe(false);
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    const writer = new GroupCommitWriter(database);
    const other = connect();
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const append = writer.enqueue(insert(7), 'store_unavailable').then((value) => {
      settled = true;
      return value;
    });
    // A blocking wait would stall the loop for the whole window (0 or 1 tick).
    const ticks = await countTimerTicks(60);
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(settled).toBe(false);
    other.exec('COMMIT');
    await append;
    expect(count(other)).toBe(1);
  });

  it('rejects the queue with each operation’s code once the lock stays busy past the wait limit', async () => {
    const writer = new GroupCommitWriter(database, { lockWaitMs: 50 });
    const other = connect();
    other.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    const error = await writer
      .enqueue(insert(1), 'audit_unavailable')
      .catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('audit_unavailable');
    expect(((error as GatewayError).cause as { code: string }).code).toBe('SQLITE_BUSY');
    other.exec('ROLLBACK');
    await expect(writer.enqueue(insert(2), 'store_unavailable')).resolves.toBeTypeOf('number');
  });

  it('fails fast once the queue is full instead of letting it grow', async () => {
    const writer = new GroupCommitWriter(database, { maxQueue: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3].map((value) => writer.enqueue(insert(value), 'audit_unavailable')),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'audit_unavailable',
    });
  });

  it('flushes queued operations on close and refuses new ones after', async () => {
    const writer = new GroupCommitWriter(database);
    const pending = writer.enqueue(insert(1), 'store_unavailable');
    await writer.close();
    await expect(pending).resolves.toBeTypeOf('number');
    await expect(writer.enqueue(insert(2), 'audit_unavailable')).rejects.toMatchObject({
      code: 'audit_unavailable',
    });
    expect(count(database)).toBe(1);
  });
});

/** How many 1 ms timers fire in `durationMs`: proof the event loop kept turning. */
async function countTimerTicks(durationMs: number): Promise<number> {
  let ticks = 0;
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    ticks++;
  }
  return ticks;
}
