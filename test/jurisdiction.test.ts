/**
 * Jurisdiction end to end: keys carry a region, providers and targets carry
 * `regions: {allow, deny}`. A request is never sent to a target its key's
 * region may not use (the fake upstream behind it receives nothing), falls
 * back to a target it may use, and is refused with 451
 * `jurisdiction_blocked`, in the caller's dialect, when there is none.
 */
import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import OpenAI, { APIError as OpenAiApiError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestIdOf, requestRecords } from './support/audit-records.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

let euUpstream: FakeUpstream;
let usUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let gateway: TestGateway;
const secrets = { eu: '', us: '', cn: '', none: '' };

beforeAll(async () => {
  euUpstream = await startFakeOpenAiUpstream();
  usUpstream = await startFakeOpenAiUpstream();
  anthropicUpstream = await startFakeAnthropicUpstream();
  gateway = await startTestGateway({
    providers: {
      // Provider-level rules apply to every target of the provider.
      eu_openai: { kind: 'openai', baseUrl: euUpstream.baseUrl, regions: { allow: ['eu'] } },
      us_openai: { kind: 'openai', baseUrl: usUpstream.baseUrl, regions: { deny: ['eu'] } },
      anthropic: { kind: 'anthropic', baseUrl: anthropicUpstream.baseUrl },
    },
    models: {
      chat: {
        targets: [
          { provider: 'us_openai', model: 'gpt-4o' },
          { provider: 'eu_openai', model: 'gpt-4o' },
        ],
      },
      'us-only': { targets: [{ provider: 'us_openai', model: 'gpt-4o' }] },
      'eu-only': { targets: [{ provider: 'eu_openai', model: 'gpt-4o' }] },
      claude: {
        targets: [
          // Target-level rules add to the provider's.
          { provider: 'anthropic', model: 'claude-sonnet-4-5', regions: { deny: ['cn'] } },
          { provider: 'eu_openai', model: 'gpt-4o-mini' },
        ],
      },
    },
  });
  const keys = gateway.gateway.store.keys;
  secrets.eu = (await keys.create({ name: 'eu-app', region: 'eu' })).secret;
  secrets.us = (await keys.create({ name: 'us-app', region: 'us' })).secret;
  secrets.cn = (await keys.create({ name: 'cn-app', region: 'cn' })).secret;
  secrets.none = (await keys.create({ name: 'no-region-app' })).secret;
});

afterAll(async () => {
  await gateway.close();
  await euUpstream.close();
  await usUpstream.close();
  await anthropicUpstream.close();
});

beforeEach(() => {
  euUpstream.reset();
  usUpstream.reset();
  anthropicUpstream.reset();
});

function openAiFor(secret: string): OpenAI {
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
}

async function servedBy(
  secret: string,
  model: string,
): Promise<{ target: string | null; requestId: string }> {
  const { data, response } = await openAiFor(secret)
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'where am I served?' }] })
    .withResponse();
  expect(data.choices[0]?.message.content).toBe('echo: where am I served?');
  return {
    target: response.headers.get('x-ringfence-target'),
    requestId: requestIdOf(response.headers),
  };
}

async function refusal(secret: string, model: string): Promise<OpenAiApiError> {
  const error = await openAiFor(secret)
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(OpenAiApiError);
  return error as OpenAiApiError;
}

function upstreamCalls(): number {
  return (
    euUpstream.requests.length + usUpstream.requests.length + anthropicUpstream.requests.length
  );
}

describe('jurisdiction', () => {
  it('skips a target that denies the key region, so that upstream receives nothing, and falls back to an allowed one', async () => {
    const { target, requestId } = await servedBy(secrets.eu, 'chat');
    expect(target).toBe('eu_openai/gpt-4o');
    expect(usUpstream.requests).toHaveLength(0);
    expect(euUpstream.requests).toHaveLength(1);
    const { outcome } = await requestRecords(gateway.gateway.store.audit, requestId);
    expect(outcome.data['attempts']).toMatchObject([
      { target: 'us_openai/gpt-4o', outcome: 'skipped', reason: 'jurisdiction' },
      { target: 'eu_openai/gpt-4o', outcome: 'ok' },
    ]);
  });

  it('serves a key from the first target when its region is allowed there', async () => {
    expect((await servedBy(secrets.us, 'chat')).target).toBe('us_openai/gpt-4o');
    expect(euUpstream.requests).toHaveLength(0);
  });

  it('refuses with 451 jurisdiction_blocked naming the region when no target may serve it', async () => {
    const error = await refusal(secrets.eu, 'us-only');
    expect(error.status).toBe(451);
    expect(error.code).toBe('jurisdiction_blocked');
    expect(error.error).toMatchObject({
      message: "No target of the requested model may serve region 'eu'.",
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses in the Anthropic dialect too, with a permission_error', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secrets.us, maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'eu-only', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnthropicApiError);
    expect((error as AnthropicApiError).status).toBe(451);
    expect((error as AnthropicApiError).error).toEqual({
      type: 'error',
      error: {
        type: 'permission_error',
        code: 'jurisdiction_blocked',
        message: "No target of the requested model may serve region 'us'.",
      },
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses a key without a region wherever only listed regions are allowed, and serves it elsewhere', async () => {
    const error = await refusal(secrets.none, 'eu-only');
    expect(error.status).toBe(451);
    expect(error.error).toMatchObject({
      message: 'No target of the requested model may serve keys without a region.',
    });
    expect(upstreamCalls()).toBe(0);
    // A deny list cannot match a key with no region; only allow lists demand one.
    expect((await servedBy(secrets.none, 'chat')).target).toBe('us_openai/gpt-4o');
  });

  it('applies target-level rules on top of the provider rules', async () => {
    expect((await servedBy(secrets.eu, 'claude')).target).toBe('anthropic/claude-sonnet-4-5');
    anthropicUpstream.reset();
    const error = await refusal(secrets.cn, 'claude');
    expect(error.status).toBe(451);
    expect(error.error).toMatchObject({
      message: "No target of the requested model may serve region 'cn'.",
    });
    expect(anthropicUpstream.requests).toHaveLength(0);
    expect(euUpstream.requests).toHaveLength(0);
  });

  it('audits a jurisdiction refusal as rejected with every target skipped', async () => {
    const error = await refusal(secrets.cn, 'eu-only');
    const requestId = error.headers?.get('x-request-id') ?? '';
    const { intent, outcome } = await requestRecords(gateway.gateway.store.audit, requestId);
    expect(intent.alias).toBe('eu-only');
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.data).toMatchObject({
      status: 451,
      errorCode: 'jurisdiction_blocked',
      attempts: [{ target: 'eu_openai/gpt-4o', outcome: 'skipped', reason: 'jurisdiction' }],
    });
  });
});
