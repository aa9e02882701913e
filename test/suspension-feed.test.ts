/**
 * The suspension feed end to end: a JSON list from a file or a loopback URL
 * suspends targets in the running gateway; a broken feed (invalid JSON, an
 * HTTP 500) keeps the last good list in force and shows as unhealthy on
 * `/readyz` (status `degraded`) and `/metrics`. The feed polls every
 * `intervalMs` (schema minimum 1000 ms, ±10 % jitter), so each transition
 * below waits about a second.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConfigInput } from '../src/config/schema.ts';
import { waitFor } from './support/audit-records.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { startFeedServer, type FeedServer } from './support/feed-server.ts';
import { requestJson } from './support/http-json.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

const PRIMARY = 'upstream/gpt-4o';
const FALLBACK = 'upstream/gpt-4o-mini';

const readinessSchema = z.object({
  status: z.string(),
  checks: z.object({
    suspensionFeed: z.object({ healthy: z.boolean(), lastError: z.string().optional() }),
  }),
});
type Readiness = z.infer<typeof readinessSchema>;

let upstream: FakeUpstream;
let feedDir: string;

beforeAll(async () => {
  upstream = await startFakeOpenAiUpstream();
  feedDir = mkdtempSync(path.join(tmpdir(), 'ringfence-feed-'));
});

afterAll(async () => {
  await upstream.close();
  rmSync(feedDir, { recursive: true, force: true });
});

function configWithFeed(source: string): ConfigInput {
  return {
    providers: { upstream: { kind: 'openai', baseUrl: upstream.baseUrl } },
    models: {
      chat: {
        targets: [
          { provider: 'upstream', model: 'gpt-4o' },
          { provider: 'upstream', model: 'gpt-4o-mini' },
        ],
      },
    },
    suspensions: { feed: { source, intervalMs: 1_000, timeoutMs: 1_000 } },
  };
}

async function readiness(gateway: TestGateway): Promise<Readiness> {
  const reply = await requestJson(`${gateway.url}/readyz`);
  expect(reply.status).toBe(200);
  return readinessSchema.parse(reply.json);
}

/** Polls `/readyz` until the feed's health is `healthy` (a poll lands about every second). */
function feedBecomes(gateway: TestGateway, healthy: boolean): Promise<Readiness> {
  return waitFor(
    async () => {
      const current = await readiness(gateway);
      return current.checks.suspensionFeed.healthy === healthy ? current : undefined;
    },
    `the feed to become ${healthy ? 'healthy' : 'unhealthy'}`,
    4_000,
  );
}

async function servedBy(gateway: TestGateway): Promise<string | null> {
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'open-mode', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  return response.headers.get('x-ringfence-target');
}

async function metricsText(gateway: TestGateway): Promise<string> {
  return (await requestJson(`${gateway.url}/metrics`)).text;
}

describe('suspension feed from a file', () => {
  let gateway: TestGateway;
  const feedFile = (): string => path.join(feedDir, 'suspended-models.json');

  beforeAll(async () => {
    writeFileSync(feedFile(), JSON.stringify([{ pattern: PRIMARY, reason: 'CVE-2026-0001' }]));
    gateway = await startTestGateway(configWithFeed(feedFile()));
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('applies the listed suspensions, so the listed target is skipped', async () => {
    await feedBecomes(gateway, true);
    expect(gateway.gateway.store.suspensions.list()).toMatchObject([
      { pattern: PRIMARY, reason: 'CVE-2026-0001', source: 'feed' },
    ]);
    expect(await servedBy(gateway)).toBe(FALLBACK);
    expect(await metricsText(gateway)).toMatch(/^ringfence_suspension_feed_healthy 1$/m);
    // The change of list is on the audit record, once.
    const changes = gateway.gateway.store.audit.query({ type: 'admin.suspension' });
    expect(changes.map((entry) => entry.data)).toEqual([
      {
        action: 'feed-replace',
        actor: 'feed',
        source: feedFile(),
        entries: 1,
        patterns: [PRIMARY],
      },
    ]);
  });

  it('keeps the last good list and reports degraded readiness when the file turns to invalid JSON', async () => {
    writeFileSync(feedFile(), '[{"pattern": "upstream/gpt-4o", ');
    const status = await feedBecomes(gateway, false);
    expect(status.status).toBe('degraded');
    expect(status.checks.suspensionFeed.lastError).toBe('invalid_json');
    expect(await servedBy(gateway)).toBe(FALLBACK);
    expect(await metricsText(gateway)).toMatch(/^ringfence_suspension_feed_healthy 0$/m);
  });

  it('lifts the suspension when a valid feed no longer lists it', async () => {
    writeFileSync(feedFile(), '{"suspensions": []}');
    const status = await feedBecomes(gateway, true);
    expect(status.status).toBe('ready');
    expect(gateway.gateway.store.suspensions.list()).toEqual([]);
    expect(await servedBy(gateway)).toBe(PRIMARY);
  });
});

describe('suspension feed from a URL', () => {
  let feed: FeedServer;
  let gateway: TestGateway;

  beforeAll(async () => {
    upstream.reset();
    feed = await startFeedServer(
      200,
      JSON.stringify([{ pattern: 'gpt-4o', reason: 'vendor advisory' }]),
    );
    gateway = await startTestGateway(configWithFeed(feed.url));
  });

  afterAll(async () => {
    await gateway.close();
    await feed.close();
  });

  it('applies the served list, and keeps it through an HTTP 500 while readiness shows the failure', async () => {
    await feedBecomes(gateway, true);
    expect(await servedBy(gateway)).toBe(FALLBACK);

    feed.serve(500, '{"error": "feed backend down"}');
    const status = await feedBecomes(gateway, false);
    expect(status.status).toBe('degraded');
    expect(status.checks.suspensionFeed.lastError).toBe('http_status');
    expect(feed.polls).toBeGreaterThanOrEqual(2);
    expect(await servedBy(gateway)).toBe(FALLBACK);
    expect(await metricsText(gateway)).toMatch(/^ringfence_suspension_feed_healthy 0$/m);
    expect(upstream.requests.map((request) => request.body)).not.toContainEqual(
      expect.objectContaining({ model: 'gpt-4o' }),
    );
  });
});
