/**
 * Several processes on one database file, as cluster workers and the CLI
 * run. The children run the TypeScript source through `fixtures/ts-loader.js`
 * (no build needed).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

/** Child processes load TypeScript first; generous for a loaded CI machine. */
const CHILD_TEST_TIMEOUT_MS = 60_000;

const CHILD = fileURLToPath(new URL('./fixtures/append-child.js', import.meta.url));

let directory: TempDirectory;
let path: string;
const children: ChildProcess[] = [];

function spawnChild(...args: string[]): ChildProcess {
  const child = fork(CHILD, [path, ...args], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const chunks: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  stderrOf.set(child, chunks);
  children.push(child);
  return child;
}

/** The child's stderr, to explain a failure. */
const stderrOf = new WeakMap<ChildProcess, string[]>();

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', resolve);
  });
}

/** Resolves once a burst child has loaded and opened the store. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`child exited early (${String(code)}): ${stderrOf.get(child)?.join('')}`));
    });
  });
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'ringfence.db');
  // Create the schema once, as the gateway's primary does before forking workers.
  await openSqliteStore({ path, synchronous: 'normal' }).close();
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
  await directory.remove();
});

describe('several processes on one store', () => {
  it(
    'append to one gap-free chain that verifies',
    async () => {
      const store = openSqliteStore({ path, synchronous: 'normal' });
      const first = spawnChild('burst', '300');
      const second = spawnChild('burst', '300');
      await Promise.all([first, second].map(ready));
      for (const child of [first, second]) child.send('go');
      const local: Promise<unknown>[] = [];
      for (let index = 0; index < 100; index++) {
        local.push(store.audit.append({ type: 'parent.append', data: { index } }));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const [firstCode, secondCode] = await Promise.all([exited(first), exited(second)]);
      await Promise.all(local);
      const stderr = [first, second].map((child) => stderrOf.get(child)?.join('')).join('\n');
      expect([firstCode, secondCode], stderr).toEqual([0, 0]);
      expect(store.audit.verify()).toEqual({ ok: true, entries: 700, headSeq: 700, problems: [] });
      expect(store.audit.query({ type: 'child.append', limit: 10_000 })).toHaveLength(600);
      await store.close();
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'keep every acknowledged entry when a writer is killed mid-stream',
    async () => {
      const child = spawnChild('forever');
      const acknowledged = new Map<number, string>();
      await new Promise<void>((resolve, reject) => {
        child.on('message', (message: { seq?: number; hash?: string }) => {
          if (message.seq !== undefined && message.hash !== undefined) {
            acknowledged.set(message.seq, message.hash);
          }
          if (acknowledged.size >= 200) resolve();
        });
        child.once('exit', (code) => {
          reject(
            new Error(`child exited early (${String(code)}): ${stderrOf.get(child)?.join('')}`),
          );
        });
      });
      child.kill('SIGKILL');
      await exited(child);
      const store = openSqliteStore({ path, synchronous: 'normal' });
      const report = store.audit.verify();
      expect(report.ok).toBe(true);
      const stored = new Map(
        store.audit.query({ limit: 10_000 }).map((entry) => [entry.seq, entry.hash]),
      );
      for (const [seq, hash] of acknowledged) expect(stored.get(seq)).toBe(hash);
      await store.close();
    },
    CHILD_TEST_TIMEOUT_MS,
  );
});
