/**
 * The limits that bound routing, through the real gateway: the overall
 * deadline, the cap on attempts, and per-target circuit breakers that stop
 * sending to a failing upstream and probe it again after a cooldown.
 *
 * Tight limits (a 400 ms deadline, breakers opening after 2 failures with a
 * 250 ms cooldown) keep the file fast. Each test uses its own target models,
 * so breakers do not carry over between tests.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptLines, waitForOutcome } from './support/audit-trail.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';
import { askFailing as askFailingWith, modelsSent } from './support/openai-calls.ts';

const DEADLINE_MS = 400;
const COOLDOWN_MS = 250;

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let gateway: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  openaiUpstream = await startFakeOpenAiUpstream();
  anthropicUpstream = await startFakeAnthropicUpstream();
  gateway = await startTestGateway(
    {
      providers: {
        oa: { kind: 'openai', baseUrl: openaiUpstream.baseUrl, apiKey: 'env:OA_KEY' },
        an: { kind: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'env:AN_KEY' },
      },
      models: {
        capped: {
          targets: [
            { provider: 'oa', model: 'm-cap-1' },
            { provider: 'oa', model: 'm-cap-2' },
            { provider: 'an', model: 'claude-cap' },
          ],
        },
        slow: {
          targets: [
            { provider: 'oa', model: 'm-slow' },
            { provider: 'an', model: 'claude-slow' },
          ],
        },
        flaky: {
          targets: [
            { provider: 'oa', model: 'm-flaky' },
            { provider: 'an', model: 'claude-steady' },
          ],
        },
        doomed: { targets: [{ provider: 'oa', model: 'm-doomed' }] },
      },
      routing: {
        attemptTimeoutMs: 300,
        deadlineMs: DEADLINE_MS,
        maxAttempts: 3,
        retry: { maxRetriesPerTarget: 1, baseDelayMs: 1, maxDelayMs: 10 },
        breaker: { failureThreshold: 2, cooldownMs: COOLDOWN_MS },
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

async function ask(model: string) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Hello' }] })
    .withResponse();
  return {
    text: data.choices[0]?.message.content,
    requestId: response.headers.get('x-request-id') ?? '',
    servedBy: response.headers.get('x-ringfence-target'),
  };
}

const askFailing = (model: string) => askFailingWith(client, model);

describe('routing limits', () => {
  it('stops at routing.maxAttempts upstream requests across all targets', async () => {
    const failure = { kind: 'status', status: 500 } as const;
    openaiUpstream.enqueue(failure, failure, failure, failure);
    const { error, requestId } = await askFailing('capped');
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_error');
    expect(modelsSent(openaiUpstream)).toEqual(['m-cap-1', 'm-cap-1', 'm-cap-2']);
    expect(anthropicUpstream.requests).toHaveLength(0);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual([
      'oa/m-cap-1#1 retry upstream_error 500',
      'oa/m-cap-1#2 fallback upstream_error 500 (retries_exhausted)',
      'oa/m-cap-2#1 failed upstream_error 500 (max_attempts)',
    ]);
  });

  it('answers 504 deadline_exceeded when routing.deadlineMs passes, retries included', async () => {
    openaiUpstream.enqueue({ kind: 'hang' }, { kind: 'hang' });
    const { error, requestId, elapsedMs } = await askFailing('slow');
    expect(error.status).toBe(504);
    expect(error.code).toBe('deadline_exceeded');
    expect(elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 10);
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 600);
    // The deadline left no time for the second target.
    expect(anthropicUpstream.requests).toHaveLength(0);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(outcome.outcome).toBe('upstream_error');
    expect(outcome.data).toMatchObject({ status: 504, errorCode: 'deadline_exceeded' });
    expect(attemptLines(outcome)).toEqual([
      'oa/m-slow#1 retry upstream_timeout',
      'oa/m-slow#2 failed deadline_exceeded (deadline)',
    ]);
  });
});

describe('circuit breaker', () => {
  it('skips a target whose circuit opened without sending it a request, then probes it after the cooldown', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const first = await ask('flaky');
    expect(first.servedBy).toBe('an/claude-steady');
    expect(openaiUpstream.requests).toHaveLength(2);

    // Two consecutive failures opened the circuit: no request reaches the upstream.
    const second = await ask('flaky');
    expect(second.servedBy).toBe('an/claude-steady');
    expect(openaiUpstream.requests).toHaveLength(2);
    const skipped = await waitForOutcome(gateway, second.requestId);
    expect(attemptLines(skipped)).toEqual([
      'oa/m-flaky#0 skipped circuit_open',
      'an/claude-steady#1 ok ok',
    ]);

    // After the cooldown one half-open probe goes through; its success closes the circuit.
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 20));
    openaiUpstream.enqueue({ kind: 'reply', text: 'healthy again' });
    const probe = await ask('flaky');
    expect(probe.text).toBe('healthy again');
    expect(probe.servedBy).toBe('oa/m-flaky');
    expect(attemptLines(await waitForOutcome(gateway, probe.requestId))).toEqual([
      'oa/m-flaky#1 ok ok',
    ]);
    const after = await ask('flaky');
    expect(after.servedBy).toBe('oa/m-flaky');
    expect(openaiUpstream.requests).toHaveLength(4);
  });

  it('answers 503 no_available_target with Retry-After when every circuit is open', async () => {
    openaiUpstream.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const opened = await askFailing('doomed');
    expect(opened.error.code).toBe('upstream_error');
    const { error, requestId } = await askFailing('doomed');
    expect(error.status).toBe(503);
    expect(error.code).toBe('no_available_target');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(openaiUpstream.requests).toHaveLength(2);
    const outcome = await waitForOutcome(gateway, requestId);
    expect(attemptLines(outcome)).toEqual(['oa/m-doomed#0 skipped circuit_open']);
  });
});
