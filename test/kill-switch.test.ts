/**
 * The kill switch end to end: a suspension made through the store, the
 * admin API or a second store on the same file (as the CLI does) applies to
 * the running gateway's very next request, which falls back to the next
 * target; globs suspend families; with every target suspended the caller
 * reads the operator's reason in its own dialect. The CLI path is in
 * `cli-gateway.test.ts`, the feed in `suspension-feed.test.ts`.
 */
import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import OpenAI, { APIError as OpenAiApiError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storePath } from '../src/config/store-path.ts';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import type { Store } from '../src/store/types.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { bearer, requestJson } from './support/http-json.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

const ADMIN_TOKEN = 'admin-token-for-kill-switch-tests';
const NEWEST = 'anthropic/claude-sonnet-4-5';
const OLDER = 'anthropic/claude-3-5-sonnet-20241022';
const OTHER_VENDOR = 'openai/gpt-4o';

let anthropicUpstream: FakeUpstream;
let openaiUpstream: FakeUpstream;
let gateway: TestGateway;
let store: Store;
let openai: OpenAI;

beforeAll(async () => {
  anthropicUpstream = await startFakeAnthropicUpstream();
  openaiUpstream = await startFakeOpenAiUpstream();
  gateway = await startTestGateway(
    {
      providers: {
        anthropic: { kind: 'anthropic', baseUrl: anthropicUpstream.baseUrl },
        openai: { kind: 'openai', baseUrl: openaiUpstream.baseUrl },
      },
      models: {
        chat: {
          targets: [
            { provider: 'anthropic', model: 'claude-sonnet-4-5' },
            { provider: 'anthropic', model: 'claude-3-5-sonnet-20241022' },
            { provider: 'openai', model: 'gpt-4o' },
          ],
        },
      },
      server: { adminToken: 'env:RF_ADMIN_TOKEN' },
    },
    { RF_ADMIN_TOKEN: ADMIN_TOKEN },
  );
  store = gateway.gateway.store;
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'open-mode', maxRetries: 0 });
});

afterAll(async () => {
  await gateway.close();
  await anthropicUpstream.close();
  await openaiUpstream.close();
});

beforeEach(() => {
  anthropicUpstream.reset();
  openaiUpstream.reset();
});

afterEach(async () => {
  for (const suspension of store.suspensions.list())
    await store.suspensions.resume(suspension.pattern);
});

/** Sends one chat request and returns the target that served it. */
async function servedBy(): Promise<string | null> {
  const { data, response } = await openai.chat.completions
    .create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  expect(data.choices[0]?.message.content).toBe('echo: hi');
  return response.headers.get('x-ringfence-target');
}

/** The upstream model names a fake received, in order. */
function modelsSeen(upstream: FakeUpstream): unknown[] {
  return upstream.requests.map((request) =>
    typeof request.body === 'object' && request.body !== null && 'model' in request.body
      ? request.body.model
      : undefined,
  );
}

function admin(path: string, method: string, body?: unknown): ReturnType<typeof requestJson> {
  return requestJson(`${gateway.url}/admin/v1/${path}`, {
    method,
    headers: bearer(ADMIN_TOKEN),
    body,
  });
}

describe('kill switch', () => {
  it('falls back to the older model version on the very next request after a suspension, and returns on resume', async () => {
    expect(await servedBy()).toBe(NEWEST);
    await store.suspensions.suspend(NEWEST, 'vendor withdrawal 2026-11-20', 'test');
    expect(await servedBy()).toBe(OLDER);
    expect(await store.suspensions.resume(NEWEST)).toBe(true);
    expect(await servedBy()).toBe(NEWEST);
    expect(modelsSeen(anthropicUpstream)).toEqual([
      'claude-sonnet-4-5',
      'claude-3-5-sonnet-20241022',
      'claude-sonnet-4-5',
    ]);
  });

  it('suspends a model family with a glob over model names, set and lifted through the admin API', async () => {
    const created = await admin('suspensions', 'POST', {
      pattern: 'claude-*',
      reason: 'family recall',
    });
    expect(created.status).toBe(201);
    expect(await servedBy()).toBe(OTHER_VENDOR);
    expect(anthropicUpstream.requests).toHaveLength(0);

    const resumed = await admin('suspensions/claude-*', 'DELETE');
    expect(resumed.status).toBe(200);
    expect(await servedBy()).toBe(NEWEST);
  });

  it('suspends every model of one provider with provider/*', async () => {
    await store.suspensions.suspend('anthropic/*', 'provider outage', 'test');
    expect(await servedBy()).toBe(OTHER_VENDOR);
    expect(await servedBy()).toBe(OTHER_VENDOR);
    expect(anthropicUpstream.requests).toHaveLength(0);
    // The pattern holds a slash, so the admin path carries it percent-encoded.
    const resumed = await admin(`suspensions/${encodeURIComponent('anthropic/*')}`, 'DELETE');
    expect(resumed.json).toEqual({ resumed: 'anthropic/*' });
    expect(await servedBy()).toBe(NEWEST);
  });

  it('answers 503 model_suspended naming the reasons in the OpenAI dialect when every target is suspended', async () => {
    await store.suspensions.suspend('claude-*', 'Anthropic models withdrawn by legal', 'test');
    await store.suspensions.suspend('openai/*', 'OpenAI contract paused', 'test');
    const error = await openai.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAiApiError);
    const apiError = error as OpenAiApiError;
    expect(apiError.status).toBe(503);
    expect(apiError.code).toBe('model_suspended');
    expect(apiError.message).toContain('Anthropic models withdrawn by legal');
    expect(apiError.message).toContain('OpenAI contract paused');
    expect(anthropicUpstream.requests).toHaveLength(0);
    expect(openaiUpstream.requests).toHaveLength(0);
  });

  it('answers 503 model_suspended naming the reason in the Anthropic dialect when every target is suspended', async () => {
    await store.suspensions.suspend('*', 'all models frozen for incident 42', 'test');
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'open-mode', maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'chat', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnthropicApiError);
    const apiError = error as AnthropicApiError;
    expect(apiError.status).toBe(503);
    expect(apiError.error).toEqual({
      type: 'error',
      error: {
        type: 'overloaded_error',
        code: 'model_suspended',
        message: 'The requested model is suspended: all models frozen for incident 42.',
      },
    });
    expect(anthropicUpstream.requests).toHaveLength(0);
    expect(openaiUpstream.requests).toHaveLength(0);
  });

  it('applies a suspension written through a second store on the same database file to the next request', async () => {
    const second = openSqliteStore({
      path: storePath(gateway.config),
      synchronous: 'normal',
      walCheckpoint: 'inline',
    });
    try {
      await second.suspensions.suspend(NEWEST, 'set from another process', 'cli');
      expect(await servedBy()).toBe(OLDER);
      await second.suspensions.resume(NEWEST);
      expect(await servedBy()).toBe(NEWEST);
    } finally {
      await second.close();
    }
  });

  it('reports suspensions in the routing overview while they are in force', async () => {
    await store.suspensions.suspend(NEWEST, 'under review', 'test');
    const overview = await admin('routing', 'GET');
    expect(overview.status).toBe(200);
    expect(overview.json).toMatchObject({
      suspensions: 1,
      aliases: {
        chat: [
          { id: NEWEST, suspended: 'under review', breaker: 'closed' },
          { id: OLDER, breaker: 'closed' },
          { id: OTHER_VENDOR, breaker: 'closed' },
        ],
      },
    });
  });
});
