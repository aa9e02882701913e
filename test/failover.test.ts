/**
 * Retries and fallback through the real gateway, driven by the official SDKs
 * against fake upstreams that fail on cue: what the client receives, what
 * the upstreams were sent, and what the audit log says about every attempt.
 *
 * Each test uses its own alias and target models, so one test's failures
 * never open another test's circuit breaker or spend its retry budget.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptLines, waitForOutcome } from './support/audit-trail.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';
import { askFailing as askFailingWith, modelsSent } from './support/openai-calls.ts';

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let gateway: TestGateway;
let client: OpenAI;

/** Alias → its targets, `oa` being the fake OpenAI and `an` the fake Anthropic. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'retry-after-zero': ['oa/m-ra-zero'],
  'retry-after-short': ['oa/m-ra-short'],
  'retry-after-long': ['oa/m-ra-long', 'an/claude-ra-long'],
  'server-error': ['oa/m-500'],
  'cross-provider': ['oa/m-cross', 'an/claude-cross'],
  'connection-reset': ['oa/m-reset', 'an/claude-reset'],
  retired: ['oa/gpt-new', 'oa/gpt-old'],
  'all-limited': ['oa/m-limited', 'an/claude-limited'],
  invalid: ['oa/m-invalid', 'an/claude-invalid'],
  'anthropic-first': ['an/claude-first', 'oa/m-second'],
};

function target(id: string): { provider: string; model: string; timeoutMs?: number } {
  const [provider = '', model = ''] = id.split('/');
  return { provider, model };
}

beforeAll(async () => {
  openaiUpstream = await startFakeOpenAiUpstream();
  anthropicUpstream = await startFakeAnthropicUpstream();
  const models = Object.fromEntries(
    Object.entries(ALIASES).map(([alias, ids]) => [alias, { targets: ids.map(target) }]),
  );
  models.hanging = {
    targets: [{ provider: 'oa', model: 'm-hang', timeoutMs: 150 }, target('an/claude-hang')],
  };
  gateway = await startTestGateway(
    {
      providers: {
        oa: { kind: 'openai', baseUrl: openaiUpstream.baseUrl, apiKey: 'env:OA_KEY' },
        an: { kind: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'env:AN_KEY' },
      },
      models,
      routing: {
        attemptTimeoutMs: 300,
        deadlineMs: 5_000,
        maxAttempts: 3,
        retry: { maxRetriesPerTarget: 1, baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
        breaker: { failureThreshold: 5, cooldownMs: 60_000 },
      },
    },
    { OA_KEY: 'sk-upstream-openai', AN_KEY: 'sk-ant-upstream' },
  );
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'open-mode', maxRetries: 0 });
});

afterAll(async () => {
  await gateway.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

beforeEach(() => {
  openaiUpstream.reset();
  anthropicUpstream.reset();
});

/** A successful OpenAI-dialect call with its request id and how long it took. */
async function ask(model: string) {
  const started = performance.now();
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Hello' }] })
    .withResponse();
  return {
    completion: data,
    requestId: response.headers.get('x-request-id') ?? '',
    servedBy: response.headers.get('x-ringfence-target'),
    elapsedMs: performance.now() - started,
  };
}

const askFailing = (model: string) => askFailingWith(client, model);

describe('retries at the same target', () => {
  it('retries a 429 with Retry-After: 0 on the same target and succeeds', async () => {
    openaiUpstream.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'reply', text: 'second time lucky' },
    );
    const { completion, requestId } = await ask('retry-after-zero');
    expect(completion.choices[0]?.message.content).toBe('second time lucky');
    expect(modelsSent(openaiUpstream)).toEqual(['m-ra-zero', 'm-ra-zero']);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(outcome.outcome).toBe('complete');
    expect(attemptLines(outcome)).toEqual([
      'oa/m-ra-zero#1 retry upstream_rate_limited 429',
      'oa/m-ra-zero#2 ok ok',
    ]);
  });

  it('waits at least the short Retry-After the upstream asked for before retrying', async () => {
    openaiUpstream.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '120' } },
      { kind: 'reply', text: 'after the wait' },
    );
    const { completion, elapsedMs } = await ask('retry-after-short');
    expect(completion.choices[0]?.message.content).toBe('after the wait');
    expect(openaiUpstream.requests).toHaveLength(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(115);
  });

  it('retries a 500 on the same target and succeeds', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 500 }, { kind: 'reply', text: 'recovered' });
    const { completion, requestId } = await ask('server-error');
    expect(completion.choices[0]?.message.content).toBe('recovered');
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/m-500#1 retry upstream_error 500',
      'oa/m-500#2 ok ok',
    ]);
  });
});

describe('fallback to the next target', () => {
  it('falls back at once when Retry-After is longer than routing.retry.maxRetryAfterMs', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    anthropicUpstream.enqueue({ kind: 'reply', text: 'no waiting here' });
    const { completion, requestId, elapsedMs } = await ask('retry-after-long');
    expect(completion.choices[0]?.message.content).toBe('no waiting here');
    expect(elapsedMs).toBeLessThan(900);
    expect(openaiUpstream.requests).toHaveLength(1);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/m-ra-long#1 fallback upstream_rate_limited 429 (retry_after_too_long)',
      'an/claude-ra-long#1 ok ok',
    ]);
  });

  it('falls back from an OpenAI target failing twice to an Anthropic target, answering in the OpenAI dialect', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    anthropicUpstream.enqueue({
      kind: 'reply',
      text: 'Claude stepped in.',
      usage: { input: 9, output: 4 },
    });
    const { completion, requestId, servedBy } = await ask('cross-provider');
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Claude stepped in.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 4,
      total_tokens: 13,
    });
    expect(servedBy).toBe('an/claude-cross');
    expect((anthropicUpstream.requests[0]?.body as { model?: unknown }).model).toBe('claude-cross');
    const outcome = await waitForOutcome(gateway, requestId);
    expect(outcome.outcome).toBe('complete');
    expect(outcome.data.target).toBe('an/claude-cross');
    expect(attemptLines(outcome)).toEqual([
      'oa/m-cross#1 retry upstream_error 500',
      'oa/m-cross#2 fallback upstream_error 500 (retries_exhausted)',
      'an/claude-cross#1 ok ok',
    ]);
  });

  it('retries a reset connection, then falls back when it resets again', async () => {
    openaiUpstream.enqueue({ kind: 'reset' }, { kind: 'reset' });
    anthropicUpstream.enqueue({ kind: 'reply', text: 'still here' });
    const { completion, requestId } = await ask('connection-reset');
    expect(completion.choices[0]?.message.content).toBe('still here');
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/m-reset#1 retry upstream_error',
      'oa/m-reset#2 fallback upstream_error (retries_exhausted)',
      'an/claude-reset#1 ok ok',
    ]);
  });

  it('times out a hanging target per attempt and falls back within a bounded time', async () => {
    openaiUpstream.enqueue({ kind: 'hang' }, { kind: 'hang' });
    anthropicUpstream.enqueue({ kind: 'reply', text: 'not hanging' });
    const { completion, requestId, elapsedMs } = await ask('hanging');
    expect(completion.choices[0]?.message.content).toBe('not hanging');
    // Two attempts of 150 ms each, a backoff of at most 10 ms, then the fallback.
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1_500);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/m-hang#1 retry upstream_timeout',
      'oa/m-hang#2 fallback upstream_timeout (retries_exhausted)',
      'an/claude-hang#1 ok ok',
    ]);
  });

  it('falls back to an older model version when the provider reports the model does not exist, without retrying it', async () => {
    openaiUpstream.enqueue(
      { kind: 'model-suspended' },
      { kind: 'reply', text: 'from the old model' },
    );
    const { completion, requestId, servedBy } = await ask('retired');
    expect(completion.choices[0]?.message.content).toBe('from the old model');
    expect(servedBy).toBe('oa/gpt-old');
    expect(modelsSent(openaiUpstream)).toEqual(['gpt-new', 'gpt-old']);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/gpt-new#1 fallback upstream_model_unavailable 404',
      'oa/gpt-old#1 ok ok',
    ]);
  });

  it('falls back across dialects for an Anthropic SDK client too', async () => {
    anthropicUpstream.enqueue({ kind: 'status', status: 529 }, { kind: 'status', status: 529 });
    openaiUpstream.enqueue({
      kind: 'reply',
      text: 'GPT stepped in.',
      usage: { input: 6, output: 3 },
    });
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'open-mode', maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({
        model: 'anthropic-first',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'GPT stepped in.' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toMatchObject({ input_tokens: 6, output_tokens: 3 });
    const outcome = await waitForOutcome(gateway, response.headers.get('request-id') ?? '');
    expect(attemptLines(outcome)).toEqual([
      'an/claude-first#1 retry upstream_overloaded 529',
      'an/claude-first#2 fallback upstream_overloaded 529 (retries_exhausted)',
      'oa/m-second#1 ok ok',
    ]);
  });
});

describe('when no target can serve', () => {
  it('answers 429 upstream_rate_limited with Retry-After when every target rate-limits', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    anthropicUpstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '5' } });
    const { error, requestId, elapsedMs } = await askFailing('all-limited');
    expect(error.status).toBe(429);
    expect(error.code).toBe('upstream_rate_limited');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(elapsedMs).toBeLessThan(900);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(outcome.outcome).toBe('upstream_error');
    expect(outcome.data).toMatchObject({ status: 429, errorCode: 'upstream_rate_limited' });
    expect(attemptLines(outcome)).toEqual([
      'oa/m-limited#1 fallback upstream_rate_limited 429 (retry_after_too_long)',
      'an/claude-limited#1 failed upstream_rate_limited 429 (retry_after_too_long)',
    ]);
  });

  it("answers an upstream 400 as upstream_invalid_request with the provider's scrubbed message and no fallback", async () => {
    openaiUpstream.enqueue({
      kind: 'status',
      status: 400,
      message:
        "This model's maximum context length is 8192 tokens. (key sk-proj-abcdefghijklmnopqrstuvwxyz0123)",
    });
    const { error, requestId } = await askFailing('invalid');
    expect(error.status).toBe(400);
    expect(error.code).toBe('upstream_invalid_request');
    expect(error.message).toContain("This model's maximum context length is 8192 tokens.");
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain('sk-proj-abcdef');
    expect(openaiUpstream.requests).toHaveLength(1);
    expect(anthropicUpstream.requests).toHaveLength(0);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(outcome.outcome).toBe('rejected');
    expect(attemptLines(outcome)).toEqual(['oa/m-invalid#1 failed upstream_invalid_request 400']);
  });
});
