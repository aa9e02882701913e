import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { openSqliteStore } from './open-sqlite-store.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

let directory: TempDirectory;

beforeEach(async () => {
  directory = await makeTempDirectory();
});

afterEach(async () => {
  await directory.remove();
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the background WAL checkpointer', () => {
  it('copies committed pages into the database off the event loop', async () => {
    const store = openSqliteStore({
      path: join(directory.path, 'ringfence.db'),
      synchronous: 'normal',
      checkpointIntervalMs: 20,
    });
    await Promise.all(
      Array.from({ length: 50 }, (_, index) => store.audit.append({ type: 't', data: { index } })),
    );
    await until(() => (store.checkpoints?.frames ?? 0) > 0, 5_000);
    expect(store.checkpoints?.checkpoints).toBeGreaterThan(0);
    await store.close();
  });

  it('is not started for inline checkpoints', async () => {
    const store = openSqliteStore({
      path: join(directory.path, 'ringfence.db'),
      synchronous: 'normal',
      walCheckpoint: 'inline',
    });
    expect(store.checkpoints).toBeUndefined();
    await store.close();
  });

  it('reports a worker that cannot run, so the store can fall back', async () => {
    const failures: unknown[] = [];
    const checkpointer = startWalCheckpointer(join(directory.path, 'missing.db'), 20, (error) =>
      failures.push(error),
    );
    await until(() => failures.length > 0, 5_000);
    expect(failures).toHaveLength(1);
    await checkpointer.stop();
  });
});
