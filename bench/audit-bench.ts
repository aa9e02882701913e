/**
 * Audit-log benchmark: appends from many concurrent callers through the
 * group-commit writer, with synchronous=normal and =full, in a temporary
 * directory. Prints appends/s and p50/p99 commit latency (the time from
 * `append()` to its promise resolving, i.e. until COMMIT returned), each the
 * median of several runs, plus the per-request read costs of the store.
 *
 *   npm run build && node dist/bench/audit-bench.js [--records 20000]
 *     [--concurrency 1,64] [--runs 3] [--max-seconds 5] [--wal-checkpoint background|inline]
 *
 * Concurrency 1 shows the latency one request sees on an idle gateway;
 * 64 shows throughput under load. Every run stops after `--max-seconds`
 * even if not all records were appended (the count appended is printed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import type { SqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import type { AuditRecord } from '../src/store/types.ts';

interface RunResult {
  readonly appends: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '1,64' },
    runs: { type: 'string', default: '3' },
    'max-seconds': { type: 'string', default: '5' },
    'wal-checkpoint': { type: 'string', default: 'background' },
  },
});
const records = positive(values.records, 'records');
const concurrencies = values.concurrency.split(',').map((part) => positive(part, 'concurrency'));
const runs = positive(values.runs, 'runs');
const maxMs = positive(values['max-seconds'], 'max-seconds') * 1000;
const walCheckpoint = values['wal-checkpoint'] === 'inline' ? 'inline' : 'background';

function positive(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** A request outcome record of a realistic size (about 300 bytes of data). */
function sampleRecord(index: number): AuditRecord {
  return {
    type: 'request.outcome',
    requestId: `req_${index.toString(36).padStart(8, '0')}`,
    keyId: 'key_3f9a1c2b7d4e',
    alias: 'chat',
    outcome: 'complete',
    data: {
      target: 'openai/gpt-4o-mini',
      attempts: 1,
      status: 200,
      inputTokens: 812,
      outputTokens: 143,
      durationMs: 1234,
      requestDigest: 'sha256:9c1185a5c5e9fc54612808977ee8f548b2258d31a2a8f1cf5d2a5e4e7f1a2b3c',
      responseDigest: 'sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
      guards: { input: 'pass', output: 'pass' },
    },
  };
}

async function withStore<T>(
  synchronous: 'normal' | 'full',
  use: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'ringfence-audit-bench-'));
  const store = openSqliteStore({ path: join(directory, 'bench.db'), synchronous, walCheckpoint });
  try {
    return await use(store);
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

async function appendRun(store: SqliteStore, concurrency: number): Promise<RunResult> {
  const latencies = new Float64Array(records);
  let issued = 0;
  let completed = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  async function caller(): Promise<void> {
    while (issued < records && performance.now() < deadline) {
      const index = issued++;
      const before = performance.now();
      await store.audit.append(sampleRecord(index));
      latencies[completed++] = performance.now() - before;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsedMs = performance.now() - started;
  const sorted = latencies.subarray(0, completed).sort();
  return {
    appends: completed,
    appendsPerSecond: completed / (elapsedMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Mean cost of one call, in microseconds, over `iterations` calls after a warm-up. */
function microseconds(iterations: number, call: () => unknown): number {
  for (let index = 0; index < 1000; index++) call();
  const started = performance.now();
  for (let index = 0; index < iterations; index++) call();
  return ((performance.now() - started) * 1000) / iterations;
}

async function main(): Promise<void> {
  console.log(
    `audit append: up to ${records} records or ${maxMs / 1000} s per run, median of ${runs} runs, ` +
      `${walCheckpoint} WAL checkpoints, node ${process.version}`,
  );
  for (const concurrency of concurrencies) {
    for (const mode of ['normal', 'full'] as const) {
      const results: RunResult[] = [];
      for (let run = 0; run < runs; run++) {
        results.push(await withStore(mode, (store) => appendRun(store, concurrency)));
      }
      const middle = (pick: (result: RunResult) => number): number => median(results.map(pick));
      console.log(
        `  ${String(concurrency).padStart(3)} callers, synchronous=${mode.padEnd(6)}` +
          ` ${middle((result) => result.appendsPerSecond)
            .toFixed(0)
            .padStart(7)} appends/s` +
          `  p50 ${middle((result) => result.p50Ms).toFixed(2)} ms` +
          `  p99 ${middle((result) => result.p99Ms).toFixed(2)} ms` +
          `  (${middle((result) => result.appends)} appended per run)`,
      );
    }
  }

  await withStore('normal', async (store) => {
    const { secret } = await store.keys.create({ name: 'bench' });
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => store.keys.create({ name: `k${index}` })),
    );
    await store.suspensions.suspend('openai/*', 'bench', 'bench');
    console.log('per-request reads:');
    console.log(
      `  revision()          ${microseconds(200_000, () => store.revision()).toFixed(2)} µs`,
    );
    console.log(
      `  keys.findBySecret() ${microseconds(200_000, () => store.keys.findBySecret(secret)).toFixed(2)} µs`,
    );
    console.log(
      `  suspensions.list()  ${microseconds(200_000, () => store.suspensions.list()).toFixed(2)} µs`,
    );
    const limit = { ratePerMinute: 1_000_000_000 };
    const takeStarted = performance.now();
    const takes = Array.from({ length: 20_000 }, (_, index) =>
      store.rateLimits.take(`key_${index % 100}`, limit),
    );
    await Promise.all(takes);
    console.log(
      `  rateLimits.take()   ${(20_000 / ((performance.now() - takeStarted) / 1000)).toFixed(0)} takes/s (group-committed)`,
    );
    await Promise.all(
      Array.from({ length: 50_000 }, (_, index) => store.audit.append(sampleRecord(index))),
    );
    const verifyStarted = performance.now();
    const report = store.audit.verify();
    const seconds = (performance.now() - verifyStarted) / 1000;
    console.log(
      `  audit.verify()      ${(report.entries / seconds).toFixed(0)} entries/s (ok=${String(report.ok)})`,
    );
  });
}

await main();
