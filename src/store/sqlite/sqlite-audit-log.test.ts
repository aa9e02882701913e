import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GENESIS_HASH } from '../../audit/hash-chain.ts';
import { GatewayError } from '../../errors.ts';
import type { AuditRecord } from '../types.ts';
import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { openSqliteStore } from './open-sqlite-store.ts';
import type { SqliteStore } from './open-sqlite-store.ts';

let directory: TempDirectory;
let path: string;
let stores: SqliteStore[];
let now: number;

function open(): SqliteStore {
  const store = openSqliteStore({ path, synchronous: 'normal', clock: () => now++ });
  stores.push(store);
  return store;
}

/** A raw connection, as an attacker with file access would use. */
function tamper(sql: string): void {
  const connection = new Database(path);
  try {
    connection.exec(sql);
  } finally {
    connection.close();
  }
}

const record = (index: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  type: 'request.intent',
  requestId: `req_${index}`,
  keyId: `key_${index % 3}`,
  data: { index },
  ...extra,
});

async function appendMany(store: SqliteStore, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, index) => store.audit.append(record(index))));
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'ringfence.db');
  stores = [];
  now = 1_000;
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await directory.remove();
});

describe('the SQLite audit log', () => {
  it('gives many concurrent appends a gap-free sequence that verifies', async () => {
    const store = open();
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, index) => store.audit.append(record(index))),
    );
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 300 }, (_, index) => index + 1),
    );
    const entries = store.audit.query({ limit: 1000 });
    expect(entries.map((entry) => entry.hash)).toEqual(results.map((result) => result.hash));
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(store.audit.verify()).toEqual({ ok: true, entries: 300, headSeq: 300, problems: [] });
    expect(store.audit.head()).toEqual({ seq: 300, hash: results[299]?.hash });
  });

  it('keeps one chain when two stores on the same file append in interleaved turns', async () => {
    const first = open();
    const second = open();
    const appends: Promise<unknown>[] = [];
    for (let turn = 0; turn < 20; turn++) {
      appends.push(first.audit.append(record(turn)), second.audit.append(record(turn)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(appends);
    const report = first.audit.verify();
    expect(report).toMatchObject({ ok: true, entries: 40, headSeq: 40 });
    expect(second.audit.verify()).toEqual(report);
  });

  it('stores each field and the timestamp from the clock', async () => {
    const store = open();
    const { seq } = await store.audit.append({
      type: 'request.outcome',
      requestId: 'req_1',
      keyId: 'key_1',
      alias: 'chat',
      outcome: 'complete',
      data: { tokens: 12, note: 'é' },
    });
    expect(store.audit.tail(1)).toEqual([
      expect.objectContaining({
        seq,
        ts: 1_000,
        type: 'request.outcome',
        requestId: 'req_1',
        keyId: 'key_1',
        alias: 'chat',
        outcome: 'complete',
        data: { tokens: 12, note: 'é' },
      }),
    ]);
  });

  it('rejects a record that is not JSON without failing the others in its batch', async () => {
    const store = open();
    const [bad, good] = await Promise.allSettled([
      store.audit.append({ type: 'x', data: { value: Number.NaN } }),
      store.audit.append(record(1)),
    ]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ code: 'audit_unavailable' });
    expect(good).toMatchObject({ status: 'fulfilled', value: { seq: 1 } });
  });

  it('filters queries by each indexed field, time range, order and limit', async () => {
    const store = open();
    for (let index = 0; index < 9; index++) {
      await store.audit.append(
        record(index, {
          outcome: index % 2 === 0 ? 'complete' : 'rejected',
          alias: `a${index % 2}`,
        }),
      );
    }
    const seqs = (entries: readonly { seq: number }[]): number[] =>
      entries.map((entry) => entry.seq);
    expect(seqs(store.audit.query({ keyId: 'key_1' }))).toEqual([2, 5, 8]);
    expect(seqs(store.audit.query({ outcome: 'rejected', newestFirst: true }))).toEqual([
      8, 6, 4, 2,
    ]);
    expect(seqs(store.audit.query({ alias: 'a0', keyId: 'key_0' }))).toEqual([1, 7]);
    expect(seqs(store.audit.query({ requestId: 'req_4' }))).toEqual([5]);
    expect(seqs(store.audit.query({ type: 'other' }))).toEqual([]);
    expect(seqs(store.audit.query({ since: 1_002, until: 1_005 }))).toEqual([3, 4, 5]);
    expect(seqs(store.audit.query({ limit: 2 }))).toEqual([1, 2]);
    expect(seqs(store.audit.tail(3))).toEqual([9, 8, 7]);
    expect(seqs(store.audit.query({ keyId: "key_1' OR '1'='1" }))).toEqual([]);
  });

  describe('detects tampering', () => {
    async function populated(count: number): Promise<SqliteStore> {
      const store = open();
      await appendMany(store, count);
      return store;
    }

    it('an edited entry, at its seq', async () => {
      const store = await populated(10);
      tamper(`UPDATE audit SET data = '{"index":999}' WHERE seq = 4`);
      expect(store.audit.verify().problems).toEqual([
        { kind: 'edited', seq: 4, detail: 'entry 4 does not match its hash' },
      ]);
    });

    it('a deleted middle entry, at its seq', async () => {
      const store = await populated(10);
      tamper('DELETE FROM audit WHERE seq = 6');
      expect(store.audit.verify().problems).toEqual([
        { kind: 'deleted', seq: 6, detail: 'entry 6 is missing' },
      ]);
    });

    it('two rows swapped, as reordered at both seqs', async () => {
      const store = await populated(10);
      tamper(`
        UPDATE audit SET seq = -3 WHERE seq = 3;
        UPDATE audit SET seq = 3 WHERE seq = 8;
        UPDATE audit SET seq = 8 WHERE seq = -3;
      `);
      const problems = store.audit.verify().problems;
      expect(problems.map((problem) => [problem.kind, problem.seq])).toEqual([
        ['reordered', 3],
        ['reordered', 8],
      ]);
    });

    it('two rows’ contents swapped with the hashes left in place, as reordered', async () => {
      const store = await populated(10);
      const columns = 'ts, type, request_id, key_id, alias, outcome, data';
      tamper(`
        CREATE TEMP TABLE saved AS SELECT seq, ${columns} FROM audit WHERE seq IN (2, 5);
        UPDATE audit SET (${columns}) = (SELECT ${columns} FROM saved WHERE seq = 5) WHERE seq = 2;
        UPDATE audit SET (${columns}) = (SELECT ${columns} FROM saved WHERE seq = 2) WHERE seq = 5;
      `);
      const problems = store.audit.verify().problems;
      expect(problems.map((problem) => [problem.kind, problem.seq])).toEqual([
        ['reordered', 2],
        ['reordered', 5],
      ]);
    });

    it('entries deleted from the end, as truncated via the anchor, even after more appends', async () => {
      const store = await populated(10);
      tamper('DELETE FROM audit WHERE seq > 7');
      expect(store.audit.verify().problems).toEqual([
        {
          kind: 'truncated',
          seq: 8,
          detail: 'entries 8..10 are missing at the end (head anchor at 10)',
        },
      ]);
      // New entries chain from the anchor, so the truncation stays visible as a gap.
      const { seq } = await store.audit.append(record(11));
      expect(seq).toBe(11);
      expect(store.audit.verify().problems.map((problem) => [problem.kind, problem.seq])).toEqual([
        ['deleted', 8],
      ]);
    });

    it('a rewritten anchor that hides a truncation only with an external checkpoint', async () => {
      const store = await populated(6);
      const checkpoint = store.audit.head();
      tamper(`
        DELETE FROM audit WHERE seq > 4;
        UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit WHERE seq = 4);
      `);
      expect(store.audit.verify().ok).toBe(true);
      expect(store.audit.verify({ checkpoints: [checkpoint] }).problems).toMatchObject([
        { kind: 'truncated', seq: 6 },
      ]);
    });
  });
});

describe('GatewayError surface', () => {
  it('is what a closed audit log rejects with', async () => {
    const store = open();
    await store.close();
    const error = await store.audit.append(record(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'audit_unavailable', retryable: false });
  });
});
