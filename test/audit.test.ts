/**
 * The audit log end to end: an intent record committed before the upstream
 * sees anything, an outcome record with what happened (never the key
 * itself), rejected requests on the record too, redacted bodies when asked
 * for, an intact hash chain, and fail-closed: when the audit log cannot be
 * written the request is refused and nothing is forwarded.
 */
import { createHash } from 'node:crypto';
import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import OpenAI, { APIError as OpenAiApiError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storePath } from '../src/config/store-path.ts';
import type { AuditEntry } from '../src/store/types.ts';
import { requestIdOf, requestRecords, waitFor } from './support/audit-records.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { bearer, openAiChat, requestJson } from './support/http-json.ts';
import { startObservingProxy, type ObservingProxy } from './support/observing-proxy.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

interface Sighting {
  /** Wall clock when the request reached the upstream side. */
  readonly at: number;
  /** The newest intent records committed at that moment. */
  readonly intents: readonly AuditEntry[];
}

let upstream: FakeUpstream;
let proxy: ObservingProxy;
let gateway: TestGateway;
let keyId: string;
let secret: string;
const sightings: Sighting[] = [];

beforeAll(async () => {
  upstream = await startFakeOpenAiUpstream();
  proxy = await startObservingProxy(upstream.baseUrl, () => {
    sightings.push({
      at: Date.now(),
      intents: gateway.gateway.store.audit.query({
        type: 'request.intent',
        newestFirst: true,
        limit: 5,
      }),
    });
  });
  gateway = await startTestGateway({
    providers: { upstream: { kind: 'openai', baseUrl: proxy.baseUrl } },
    models: { gpt: { targets: [{ provider: 'upstream', model: 'gpt-4o' }] } },
    server: { bodyLimitBytes: 16 * 1024 },
  });
  const created = await gateway.gateway.store.keys.create({ name: 'audited-app' });
  keyId = created.record.id;
  secret = created.secret;
});

afterAll(async () => {
  await gateway.close();
  await proxy.close();
  await upstream.close();
});

beforeEach(() => {
  upstream.reset();
  sightings.length = 0;
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function post(
  body: string,
  headers: Record<string, string> = bearer(secret),
): ReturnType<typeof requestJson> {
  return requestJson(`${gateway.url}/v1/chat/completions`, { headers, body });
}

describe('audit records', () => {
  it('commits the intent record before the upstream sees the request', async () => {
    upstream.enqueue({ kind: 'reply', text: 'slow answer', delayMs: 300 });
    const pending = post(JSON.stringify(openAiChat('gpt')));
    const sighting = await waitFor(() => sightings[0], 'the upstream to receive the request');
    const [intent] = sighting.intents;
    if (intent === undefined)
      throw new Error('no intent was committed when the upstream saw the request');
    expect(intent.ts).toBeLessThanOrEqual(sighting.at);
    const requestId = intent.requestId ?? '';
    // In flight (the upstream is holding its answer): the intent is there, the outcome not yet.
    expect(gateway.gateway.store.audit.query({ requestId }).map((entry) => entry.type)).toEqual([
      'request.intent',
    ]);

    const reply = await pending;
    expect(reply.status).toBe(200);
    expect(requestIdOf(reply.headers)).toBe(requestId);
    const records = await requestRecords(gateway.gateway.store.audit, requestId);
    expect(records.intent.seq).toBe(intent.seq);
    expect(records.outcome.seq).toBeGreaterThan(intent.seq);
  });

  it('records key id, alias, target, attempts, status, latency, usage and the exact body digests', async () => {
    upstream.enqueue({ kind: 'reply', text: 'audited answer', usage: { input: 11, output: 3 } });
    // Odd spacing on purpose: the digest covers the bytes sent, not a re-serialisation.
    const body = '{"model":"gpt",  "messages":[{"role":"user","content":"digest me"}]}';
    const reply = await post(body);
    expect(reply.status).toBe(200);
    const { intent, outcome } = await requestRecords(
      gateway.gateway.store.audit,
      requestIdOf(reply.headers),
    );

    expect(intent).toMatchObject({ type: 'request.intent', keyId, alias: 'gpt' });
    expect(intent.data).toEqual({
      dialect: 'openai',
      path: '/v1/chat/completions',
      stream: false,
      requestDigest: sha256(body),
      requestBytes: Buffer.byteLength(body),
      messages: 1,
      tools: 0,
      guards: { profile: 'default', findings: [] },
    });
    expect(outcome).toMatchObject({
      type: 'request.outcome',
      keyId,
      alias: 'gpt',
      outcome: 'complete',
    });
    expect(outcome.data).toMatchObject({
      status: 200,
      target: 'upstream/gpt-4o',
      attempts: [{ target: 'upstream/gpt-4o', attempt: 1, outcome: 'ok', reason: 'ok' }],
      usage: { inputTokens: 11, outputTokens: 3 },
      responseDigest: sha256(reply.text),
      responseBytes: Buffer.byteLength(reply.text),
    });
    const latency = outcome.data['latency'] as {
      totalMs: number;
      upstreamMs: number;
      overheadMs: number;
    };
    expect(latency.upstreamMs).toBeGreaterThan(0);
    expect(latency.totalMs).toBeGreaterThanOrEqual(latency.upstreamMs);
    expect(latency.overheadMs).toBeCloseTo(latency.totalMs - latency.upstreamMs, 2);
    expect(JSON.stringify([intent, outcome])).not.toContain(secret);
  });

  it('records a stream with its time to first byte', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: 'gpt', stream: true, messages: [{ role: 'user', content: 'stream me' }] })
      .withResponse();
    const { intent, outcome } = await requestRecords(
      gateway.gateway.store.audit,
      requestIdOf(response.headers),
    );
    expect(intent.data['stream']).toBe(true);
    expect(outcome.outcome).toBe('complete');
    expect(outcome.data['latency']).toMatchObject({ ttfbMs: expect.any(Number) as unknown });
    expect(outcome.data['responseDigest']).toMatch(/^[0-9a-f]{64}$/);
  });

  // The key is checked before the body is read, so even a 413 names the caller's key.
  it.each([
    ['bad JSON', () => post('{"model": "gpt", '), 400, 'invalid_json', true],
    [
      'a missing key',
      () => post(JSON.stringify(openAiChat('gpt')), {}),
      401,
      'missing_api_key',
      false,
    ],
    [
      'an unknown model',
      () => post(JSON.stringify(openAiChat('no-such-model'))),
      404,
      'unknown_model',
      true,
    ],
    [
      'an oversized body',
      () => post(JSON.stringify(openAiChat('gpt', 'x'.repeat(20_000)))),
      413,
      'body_too_large',
      true,
    ],
  ])(
    'audits a request refused for %s as rejected, and forwards nothing',
    async (_what, send, status, errorCode, keyed) => {
      const reply = await send();
      expect(reply.status).toBe(status);
      const { intent, outcome } = await requestRecords(
        gateway.gateway.store.audit,
        requestIdOf(reply.headers),
      );
      expect(intent.type).toBe('request.intent');
      expect(outcome.outcome).toBe('rejected');
      expect(outcome.data).toMatchObject({ status, errorCode, responseDigest: sha256(reply.text) });
      expect(outcome.keyId).toBe(keyed ? keyId : undefined);
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it('keeps an intact hash chain over everything recorded', () => {
    const report = gateway.gateway.store.audit.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(report.headSeq);
    expect(report.entries).toBeGreaterThan(0);
  });
});

describe('audit fail-closed', () => {
  it('refuses with 503 audit_unavailable in either dialect and forwards nothing while audit writes fail, then recovers', async () => {
    // A second connection, as an operator or a failing disk might: every audit insert now aborts.
    const saboteur = new Database(storePath(gateway.config), { timeout: 5_000 });
    try {
      saboteur.exec(
        "CREATE TRIGGER test_audit_down BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit storage failed'); END",
      );
      const before = gateway.gateway.store.audit.verify().entries;

      const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
      const openAiError = await openai.chat.completions
        .create({ model: 'gpt', messages: [{ role: 'user', content: 'must not leave' }] })
        .catch((caught: unknown) => caught);
      expect(openAiError).toBeInstanceOf(OpenAiApiError);
      expect((openAiError as OpenAiApiError).status).toBe(503);
      expect((openAiError as OpenAiApiError).code).toBe('audit_unavailable');

      const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
      const anthropicError = await anthropic.messages
        .create({
          model: 'gpt',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'must not leave' }],
        })
        .catch((caught: unknown) => caught);
      expect(anthropicError).toBeInstanceOf(AnthropicApiError);
      expect((anthropicError as AnthropicApiError).status).toBe(503);
      expect((anthropicError as AnthropicApiError).error).toMatchObject({
        error: { type: 'api_error', code: 'audit_unavailable' },
      });

      expect(sightings).toHaveLength(0);
      expect(upstream.requests).toHaveLength(0);
      expect(gateway.gateway.store.audit.verify().entries).toBe(before);
      const metrics = await requestJson(`${gateway.url}/metrics`);
      expect(metrics.text).toMatch(/^ringfence_audit_write_failures_total [1-9]\d*$/m);

      saboteur.exec('DROP TRIGGER test_audit_down');
      const recovered = await post(JSON.stringify(openAiChat('gpt', 'after recovery')));
      expect(recovered.status).toBe(200);
      expect(upstream.requests).toHaveLength(1);
      expect(gateway.gateway.store.audit.verify().ok).toBe(true);
    } finally {
      saboteur.exec('DROP TRIGGER IF EXISTS test_audit_down');
      saboteur.close();
    }
  });
});

describe('audit bodies', () => {
  it('keeps request and response bodies with credentials masked when audit.bodies is redacted', async () => {
    const redacting = await startTestGateway({ audit: { bodies: 'redacted' } });
    try {
      const leaked = 'sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const reply = await requestJson(`${redacting.url}/v1/chat/completions`, {
        body: openAiChat('sim/echo', `my key is ${leaked}`),
      });
      // sim/echo repeats the message, so the secret is in the response as well.
      expect(reply.text).toContain(leaked);
      const { intent, outcome } = await requestRecords(
        redacting.gateway.store.audit,
        requestIdOf(reply.headers),
      );
      expect(intent.data['requestBody']).toContain('my key is [redacted]');
      expect(outcome.data['responseBody']).toContain('echo: my key is [redacted]');
      expect(JSON.stringify([intent, outcome])).not.toContain(leaked);
      // The digests still cover the bytes actually exchanged.
      expect(outcome.data['responseDigest']).toBe(sha256(reply.text));
    } finally {
      await redacting.close();
    }
  });

  it('keeps no bodies by default, only digests', async () => {
    const reply = await post(JSON.stringify(openAiChat('gpt', 'private words')));
    const { intent, outcome } = await requestRecords(
      gateway.gateway.store.audit,
      requestIdOf(reply.headers),
    );
    expect(intent.data['requestBody']).toBeUndefined();
    expect(outcome.data['responseBody']).toBeUndefined();
    expect(JSON.stringify([intent, outcome])).not.toContain('private words');
  });
});
