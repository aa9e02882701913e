import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../providers/upstream-client.ts';
import type { FeedEntry } from './suspension-feed-parse.ts';
import type { SuspensionFeed, SuspensionFeedOptions } from './suspension-feed.ts';
import { createSuspensionFeed, startSuspensionFeed } from './suspension-feed.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const GOOD = JSON.stringify([
  { pattern: 'openai/gpt-4o*', reason: 'Vendor advisory 2025-07' },
  { pattern: 'claude-2', reason: 'Retired' },
]);

/** A loopback feed answering each poll with the next queued reply (the last one repeats). */
async function feedServer(...replies: ((response: ServerResponse) => void)[]): Promise<string> {
  let index = 0;
  const server = createServer((_request, response) => {
    const reply = replies[Math.min(index, replies.length - 1)];
    index++;
    reply?.(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
}

const json =
  (body: string, status = 200) =>
  (response: ServerResponse): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };

function makeFeed(
  source: string,
  overrides: Partial<SuspensionFeedOptions> = {},
): { readonly feed: SuspensionFeed; readonly applied: (readonly FeedEntry[])[] } {
  const applied: (readonly FeedEntry[])[] = [];
  const client = createUpstreamClient();
  const feed = createSuspensionFeed({
    source,
    intervalMs: 60_000,
    timeoutMs: 1_000,
    client,
    now: () => 1_700_000_000_000,
    apply: (entries) => {
      applied.push(entries);
      return Promise.resolve();
    },
    ...overrides,
  });
  cleanups.push(async () => {
    await feed.stop();
    await client.destroy();
  });
  return { feed, applied };
}

async function tempDir(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ringfence-feed-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

describe('suspension feed', () => {
  it('applies a valid list from a URL and reports healthy', async () => {
    const { feed, applied } = makeFeed(await feedServer(json(GOOD)));
    const status = await feed.poll();
    expect(applied).toEqual([JSON.parse(GOOD)]);
    expect(status).toEqual({
      healthy: true,
      lastSuccessAt: 1_700_000_000_000,
      consecutiveFailures: 0,
      entries: 2,
    });
  });

  it('reads a file path or file URL, wrapped shape included', async () => {
    const directory = await tempDir();
    const path = join(directory, 'feed.json');
    await writeFile(path, JSON.stringify({ suspensions: [{ pattern: 'x/*', reason: 'r' }] }));
    const byPath = makeFeed(path);
    await byPath.feed.poll();
    expect(byPath.applied).toEqual([[{ pattern: 'x/*', reason: 'r' }]]);
    const byUrl = makeFeed(pathToFileURL(path).href);
    expect((await byUrl.feed.poll()).healthy).toBe(true);
  });

  it('does not apply an unchanged list again', async () => {
    const { feed, applied } = makeFeed(await feedServer(json(GOOD)));
    await feed.poll();
    await feed.poll();
    expect(applied).toHaveLength(1);
  });

  it('applies an empty list, clearing earlier feed suspensions', async () => {
    const { feed, applied } = makeFeed(await feedServer(json(GOOD), json('[]')));
    await feed.poll();
    await feed.poll();
    expect(applied).toEqual([JSON.parse(GOOD), []]);
  });

  it('keeps the last good list and reports unhealthy when the feed answers 500', async () => {
    const { feed, applied } = makeFeed(await feedServer(json(GOOD), json('{}', 500)));
    await feed.poll();
    const status = await feed.poll();
    expect(applied).toHaveLength(1);
    expect(status).toMatchObject({
      healthy: false,
      lastError: 'http_status',
      consecutiveFailures: 1,
      lastSuccessAt: 1_700_000_000_000,
      entries: 2,
    });
    expect((await feed.poll()).consecutiveFailures).toBe(2);
  });

  it('keeps the last good list when a document is malformed or invalid', async () => {
    const { feed, applied } = makeFeed(
      await feedServer(json(GOOD), json('not json'), json('[{"patern":"x","reason":"y"}]')),
    );
    await feed.poll();
    expect((await feed.poll()).lastError).toBe('invalid_json');
    expect((await feed.poll()).lastError).toBe('invalid_entry');
    expect(applied).toHaveLength(1);
  });

  it('reports an unreachable feed', async () => {
    const url = await feedServer(json(GOOD));
    await cleanups.pop()?.();
    const { feed, applied } = makeFeed(url);
    expect(await feed.poll()).toMatchObject({ healthy: false, lastError: 'unreachable' });
    expect(applied).toEqual([]);
  });

  it('gives up on a feed that does not answer within its timeout', async () => {
    const { feed } = makeFeed(await feedServer(() => undefined), { timeoutMs: 50 });
    expect(await feed.poll()).toMatchObject({ healthy: false, lastError: 'timeout' });
  });

  it('refuses a document larger than the limit', async () => {
    const directory = await tempDir();
    const path = join(directory, 'big.json');
    await writeFile(path, `[${' '.repeat(2 * 1024 * 1024)}]`);
    const { feed } = makeFeed(path);
    expect((await feed.poll()).lastError).toBe('too_large');
    const served = makeFeed(await feedServer(json(`[${' '.repeat(2 * 1024 * 1024)}]`)));
    expect((await served.feed.poll()).lastError).toBe('too_large');
  });

  it('reports a missing file', async () => {
    const { feed } = makeFeed(join(await tempDir(), 'missing.json'));
    expect((await feed.poll()).lastError).toBe('read_failed');
  });

  it('reports a failed apply and applies the same list on the next poll', async () => {
    let calls = 0;
    const { feed } = makeFeed(await feedServer(json(GOOD)), {
      apply: () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve();
      },
    });
    expect((await feed.poll()).lastError).toBe('apply_failed');
    expect((await feed.poll()).healthy).toBe(true);
    expect(calls).toBe(2);
  });

  it('polls on its interval once started, and not after stop', async () => {
    const directory = await tempDir();
    const path = join(directory, 'feed.json');
    await writeFile(path, GOOD);
    let polls = 0;
    const feed = startSuspensionFeed({
      source: path,
      intervalMs: 20,
      timeoutMs: 1_000,
      apply: () => Promise.resolve(),
      onResult: () => {
        polls++;
      },
    });
    await expect.poll(() => polls).toBeGreaterThanOrEqual(3);
    await feed.stop();
    const stoppedAt = polls;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(polls).toBe(stoppedAt);
  });
});
