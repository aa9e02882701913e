/**
 * Gateway keys and their limits end to end: open mode until the first key
 * exists, then 401s in the caller's dialect, both SDKs' ways of sending a
 * key, per-key model lists (403 and a filtered `/v1/models`), revocation on
 * the next request, per-key rpm (429 with `Retry-After`), and keys kept only
 * as hashes (never in the database files, admin listings or audit rows).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Anthropic, { AuthenticationError as AnthropicAuthenticationError } from '@anthropic-ai/sdk';
import OpenAI, { AuthenticationError, PermissionDeniedError, RateLimitError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePath } from '../src/config/store-path.ts';
import { requestIdOf, requestRecords } from './support/audit-records.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { anthropicChat, bearer, openAiChat, requestJson } from './support/http-json.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

const ADMIN_TOKEN = 'admin-token-for-key-tests';

let upstream: FakeUpstream;
let gateway: TestGateway;
let fullKey: string;

beforeAll(async () => {
  upstream = await startFakeOpenAiUpstream();
  gateway = await startTestGateway(
    {
      providers: { upstream: { kind: 'openai', baseUrl: upstream.baseUrl } },
      models: { gpt: { targets: [{ provider: 'upstream', model: 'gpt-4o' }] } },
      server: { adminToken: 'env:RF_ADMIN_TOKEN' },
    },
    { RF_ADMIN_TOKEN: ADMIN_TOKEN },
  );
  fullKey = (await gateway.gateway.store.keys.create({ name: 'full' })).secret;
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

function openAiFor(secret: string): OpenAI {
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
}

function chat(secret: string, model = 'sim/echo'): Promise<OpenAI.ChatCompletion> {
  return openAiFor(secret).chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'hi' }],
  });
}

describe('open mode', () => {
  it('serves requests without a key while no key exists, and demands one once the first key is created', async () => {
    const fresh = await startTestGateway();
    try {
      const open = await requestJson(`${fresh.url}/v1/chat/completions`, {
        body: openAiChat('sim/echo'),
      });
      expect(open.status).toBe(200);
      expect((await requestJson(`${fresh.url}/v1/models`)).status).toBe(200);

      await fresh.gateway.store.keys.create({ name: 'first' });
      const closed = await requestJson(`${fresh.url}/v1/chat/completions`, {
        body: openAiChat('sim/echo'),
      });
      expect(closed.status).toBe(401);
      expect(closed.json).toMatchObject({ error: { code: 'missing_api_key' } });
    } finally {
      await fresh.close();
    }
  });
});

describe('gateway keys', () => {
  it('answers a missing key with 401 missing_api_key in the caller dialect', async () => {
    const openAiShape = await requestJson(`${gateway.url}/v1/chat/completions`, {
      body: openAiChat('sim/echo'),
    });
    expect(openAiShape.status).toBe(401);
    expect(openAiShape.json).toEqual({
      error: {
        message: expect.stringContaining('No API key was provided') as unknown,
        type: 'invalid_request_error',
        param: null,
        code: 'missing_api_key',
      },
    });
    const anthropicShape = await requestJson(`${gateway.url}/v1/messages`, {
      headers: { 'anthropic-version': '2023-06-01' },
      body: anthropicChat('sim/echo'),
    });
    expect(anthropicShape.status).toBe(401);
    expect(anthropicShape.json).toEqual({
      type: 'error',
      error: {
        type: 'authentication_error',
        code: 'missing_api_key',
        message: expect.stringContaining('No API key was provided') as unknown,
      },
    });
  });

  it('answers an unknown key with 401 invalid_api_key through either SDK', async () => {
    const openAiError = await chat('rf_not-a-real-key').catch((caught: unknown) => caught);
    expect(openAiError).toBeInstanceOf(AuthenticationError);
    expect((openAiError as AuthenticationError).code).toBe('invalid_api_key');

    const anthropic = new Anthropic({
      baseURL: gateway.url,
      apiKey: 'rf_not-a-real-key',
      maxRetries: 0,
    });
    const anthropicError = await anthropic.messages
      .create({ model: 'sim/echo', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(anthropicError).toBeInstanceOf(AnthropicAuthenticationError);
    expect((anthropicError as AnthropicAuthenticationError).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', code: 'invalid_api_key' },
    });
  });

  it('accepts the key as an OpenAI bearer token, the Anthropic SDK key and an x-api-key header', async () => {
    expect((await chat(fullKey)).choices[0]?.message.content).toBe('echo: hi');
    const request = {
      model: 'sim/echo',
      max_tokens: 16,
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const withApiKey = new Anthropic({ baseURL: gateway.url, apiKey: fullKey, maxRetries: 0 });
    expect((await withApiKey.messages.create(request)).content).toEqual([
      { type: 'text', text: 'echo: hi' },
    ]);
    // Older Anthropic SDKs and curl examples send `x-api-key`.
    const withHeader = new Anthropic({
      baseURL: gateway.url,
      apiKey: null,
      defaultHeaders: { 'x-api-key': fullKey },
      maxRetries: 0,
    });
    expect((await withHeader.messages.create(request)).content).toEqual([
      { type: 'text', text: 'echo: hi' },
    ]);
  });

  it('refuses a model outside the key list with 403 model_not_allowed and lists only the allowed aliases', async () => {
    const { secret } = await gateway.gateway.store.keys.create({
      name: 'narrow',
      models: ['gpt', 'sim/e*'],
    });
    expect((await chat(secret, 'gpt')).choices[0]?.message.content).toBe('echo: hi');
    expect((await chat(secret, 'sim/echo')).choices[0]?.message.content).toBe('echo: hi');
    const error = await chat(secret, 'sim/obedient').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).code).toBe('model_not_allowed');
    expect((error as PermissionDeniedError).param).toBe('model');

    const openAiModels = await openAiFor(secret).models.list();
    expect(openAiModels.data.map((model) => model.id)).toEqual(['gpt', 'sim/echo']);
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
    const anthropicModels = await anthropic.models.list();
    expect(anthropicModels.data.map((model) => model.id)).toEqual(['gpt', 'sim/echo']);
  });

  it('rejects a revoked key on the very next request', async () => {
    const { record, secret } = await gateway.gateway.store.keys.create({ name: 'short-lived' });
    expect((await chat(secret)).choices).toHaveLength(1);
    expect(await gateway.gateway.store.keys.revoke(record.id)).toBe(true);
    const error = await chat(secret).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('invalid_api_key');
  });

  it('limits a key to its rpm with 429 rate_limited and a Retry-After header, leaving other keys alone', async () => {
    const { record, secret } = await gateway.gateway.store.keys.create({ name: 'limited', rpm: 3 });
    for (let request = 0; request < 3; request++)
      expect((await chat(secret)).choices).toHaveLength(1);
    const limited = await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(secret),
      body: openAiChat('sim/echo'),
    });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ error: { code: 'rate_limited', type: 'requests' } });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // One intent (committed with the token) and one rejected outcome, nothing forwarded.
    const requestId = requestIdOf(limited.headers);
    const { outcome } = await requestRecords(gateway.gateway.store.audit, requestId);
    expect(outcome).toMatchObject({
      keyId: record.id,
      outcome: 'rejected',
      data: { status: 429, errorCode: 'rate_limited' },
    });
    expect(gateway.gateway.store.audit.query({ requestId }).map((entry) => entry.type)).toEqual([
      'request.intent',
      'request.outcome',
    ]);
    const viaSdk = await chat(secret).catch((caught: unknown) => caught);
    expect(viaSdk).toBeInstanceOf(RateLimitError);
    expect((await chat(fullKey)).choices).toHaveLength(1);
  });

  it('keeps only a hash of a key: the secret is not in the database files, admin listings or audit records', async () => {
    const created = await requestJson(`${gateway.url}/admin/v1/keys`, {
      headers: bearer(ADMIN_TOKEN),
      body: { name: 'hashed', models: ['sim/*'] },
    });
    expect(created.status).toBe(201);
    const secret = (created.json as { key: string }).key;
    expect(secret).toMatch(/^rf_[A-Za-z0-9_-]{32}$/);
    expect((await chat(secret)).choices).toHaveLength(1);

    const listing = await requestJson(`${gateway.url}/admin/v1/keys`, {
      headers: bearer(ADMIN_TOKEN),
    });
    expect(listing.text).toContain('"name":"hashed"');
    expect(listing.text).not.toContain(secret);
    const audit = await requestJson(`${gateway.url}/admin/v1/audit?limit=10000`, {
      headers: bearer(ADMIN_TOKEN),
    });
    expect(audit.text).toContain('admin.key');
    expect(audit.text).not.toContain(secret);

    // The WAL first: a checkpoint only ever moves pages from it into the main file.
    const file = storePath(gateway.config);
    const bytes = Buffer.concat(
      [`${file}-wal`, `${file}-shm`, file]
        .filter((name) => existsSync(name))
        .map((name) => readFileSync(name)),
    );
    expect(bytes.includes(createHash('sha256').update(secret).digest('hex'))).toBe(true);
    expect(bytes.includes(secret)).toBe(false);
  });
});
