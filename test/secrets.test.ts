/**
 * Secrets hygiene, end to end: the provider keys, the admin token and the
 * gateway key never appear in logs, client-visible responses (bodies and
 * headers), audit rows, metrics, admin API answers or the raw database
 * files, even when upstreams fail with error bodies that echo the key back
 * (as real providers and proxies do). And each provider key goes only to its
 * own provider's host.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdOf } from './support/audit-records.ts';
import { within } from './support/deadline.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import {
  anthropicChat,
  bearer,
  openAiChat,
  requestJson,
  type JsonReply,
} from './support/http-json.ts';
import { collectingLogger, startTestGateway, type TestGateway } from './support/test-gateway.ts';

/** Distinctive values, so a find is never a coincidence. */
const OPENAI_KEY = 'sk-proj-RingfenceOpenAiProviderKey0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-api03-RingfenceAnthropicProviderKey0123456789';
/** A self-hosted server's key: short and not key-shaped, so no pattern can catch it. */
const LOCAL_KEY = 'local-dev-secret';
const ADMIN_TOKEN = 'ringfence-admin-token-Zq8Xw2Lp5Vn7';

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let localUpstream: FakeUpstream;
let gateway: TestGateway;
let gatewayClosed = false;
let gatewayKey: string;
const dataDir = mkdtempSync(path.join(tmpdir(), 'ringfence-secrets-'));
const logs = collectingLogger();
/** Everything a client saw: status lines, headers and bodies. */
const seen: string[] = [];
/** The one answer that must carry the gateway key: its creation. */
let creationReply = '';
/** The request ids of every chat request sent. */
const chatRequestIds: string[] = [];

function secrets(): Record<string, string> {
  return {
    'the OpenAI provider key': OPENAI_KEY,
    'the Anthropic provider key': ANTHROPIC_KEY,
    'the local provider key': LOCAL_KEY,
    'the admin token': ADMIN_TOKEN,
    'the gateway key': gatewayKey,
  };
}

/** The names of the secrets found in `text`. */
function leaked(text: string | Buffer): string[] {
  return Object.entries(secrets())
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

function describeReply(reply: JsonReply): string {
  const headers = [...reply.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${reply.status}\n${headers}\n\n${reply.text}`;
}

async function call(url: string, init: Parameters<typeof requestJson>[1] = {}): Promise<JsonReply> {
  const reply = await within(10_000, url, requestJson(url, init));
  seen.push(describeReply(reply));
  return reply;
}

async function chatCall(path: string, init: Parameters<typeof requestJson>[1]): Promise<JsonReply> {
  const reply = await call(`${gateway.url}${path}`, init);
  chatRequestIds.push(requestIdOf(reply.headers));
  return reply;
}

const chat = (model: string, extra: Record<string, unknown> = {}): Promise<JsonReply> =>
  chatCall('/v1/chat/completions', {
    headers: bearer(gatewayKey),
    body: { ...openAiChat(model), ...extra },
  });

const messages = (model: string): Promise<JsonReply> =>
  chatCall('/v1/messages', {
    headers: { 'x-api-key': gatewayKey, 'anthropic-version': '2023-06-01' },
    body: anthropicChat(model),
  });

const admin = (route: string, init: Parameters<typeof requestJson>[1] = {}): Promise<JsonReply> =>
  call(`${gateway.url}/admin/v1/${route}`, {
    ...init,
    headers: { ...bearer(ADMIN_TOKEN), ...init.headers },
  });

/** What providers put in error bodies: the credential they were sent, verbatim. */
const echo = (key: string): string =>
  `Incorrect API key provided: ${key}. You can find your API key at https://example.invalid/keys.`;

beforeAll(async () => {
  openaiUpstream = await startFakeOpenAiUpstream();
  anthropicUpstream = await startFakeAnthropicUpstream();
  localUpstream = await startFakeOpenAiUpstream();
  gateway = await startTestGateway(
    {
      server: { adminToken: 'env:RINGFENCE_ADMIN_TOKEN' },
      // Keep bodies in the audit log too: more places a leak could land.
      audit: { bodies: 'redacted' },
      routing: { retry: { maxRetriesPerTarget: 1, baseDelayMs: 1, maxDelayMs: 5 } },
      providers: {
        openai: { kind: 'openai', baseUrl: openaiUpstream.baseUrl, apiKey: 'env:OPENAI_KEY' },
        anthropic: {
          kind: 'anthropic',
          baseUrl: anthropicUpstream.baseUrl,
          apiKey: 'env:ANTHROPIC_KEY',
        },
        local: { kind: 'openai', baseUrl: localUpstream.baseUrl, apiKey: 'env:LOCAL_KEY' },
      },
      models: {
        gpt: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] },
        claude: { targets: [{ provider: 'anthropic', model: 'claude-haiku-5-5' }] },
        local: { targets: [{ provider: 'local', model: 'llama-3' }] },
      },
    },
    {
      OPENAI_KEY,
      ANTHROPIC_KEY,
      LOCAL_KEY,
      RINGFENCE_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    { logger: logs.logger, keepDataDir: dataDir },
  );
  const created = await within(
    5_000,
    'key creation',
    requestJson(`${gateway.url}/admin/v1/keys`, {
      headers: bearer(ADMIN_TOKEN),
      body: { name: 'secrets-test', models: ['*'] },
    }),
  );
  creationReply = describeReply(created);
  gatewayKey = (created.json as { key: string }).key;
  await runTraffic();
});

afterAll(async () => {
  if (!gatewayClosed) await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
  await openaiUpstream.close();
  await anthropicUpstream.close();
  await localUpstream.close();
});

/** Successes and every kind of failure, in both dialects, through every provider. */
async function runTraffic(): Promise<void> {
  expect((await chat('gpt')).status).toBe(200);
  expect((await chat('gpt', { stream: true })).status).toBe(200);
  expect((await messages('claude')).status).toBe(200);
  expect((await chat('local')).status).toBe(200);

  // Upstreams refusing the gateway's credential, echoing it.
  openaiUpstream.enqueue({ kind: 'status', status: 401, message: echo(OPENAI_KEY) });
  expect((await chat('gpt')).status).toBe(502);
  anthropicUpstream.enqueue({ kind: 'status', status: 401, message: echo(ANTHROPIC_KEY) });
  expect((await messages('claude')).status).toBe(502);
  localUpstream.enqueue({ kind: 'status', status: 401, message: echo(LOCAL_KEY) });
  expect((await chat('local')).status).toBe(502);

  // Server errors (retried once, then given up) echoing the key.
  const serverError = (key: string) =>
    ({ kind: 'status', status: 500, message: echo(key) }) as const;
  openaiUpstream.enqueue(serverError(OPENAI_KEY), serverError(OPENAI_KEY));
  expect((await chat('gpt')).status).toBe(502);
  anthropicUpstream.enqueue(serverError(ANTHROPIC_KEY), serverError(ANTHROPIC_KEY));
  expect((await messages('claude')).status).toBe(502);

  // Invalid-request errors: the provider's words reach the caller, so they must be scrubbed.
  openaiUpstream.enqueue({ kind: 'status', status: 400, message: echo(OPENAI_KEY) });
  expect((await chat('gpt')).status).toBe(400);
  anthropicUpstream.enqueue({ kind: 'status', status: 400, message: echo(ANTHROPIC_KEY) });
  expect((await messages('claude')).status).toBe(400);
  // A proxy in front of a local model (LiteLLM-style) repeating the key it was sent.
  localUpstream.enqueue({
    kind: 'status',
    status: 400,
    message: `Authentication Error, Invalid proxy server token passed. Received API Key = ${LOCAL_KEY}`,
  });
  expect((await chat('local')).status).toBe(400);

  // An error event in the middle of a stream, echoing the key.
  for (const [upstream, key, model] of [
    [openaiUpstream, OPENAI_KEY, 'gpt'],
    [localUpstream, LOCAL_KEY, 'local'],
  ] as const) {
    upstream.enqueue({
      kind: 'raw-sse',
      chunks: [
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n',
        `data: ${JSON.stringify({ error: { message: echo(key), type: 'invalid_request_error' } })}\n\n`,
      ],
    });
    const streamed = await chat(model, { stream: true });
    expect(streamed.text).toContain('"error"');
  }

  // Credentials presented in the wrong place: never echoed back.
  for (const wrong of [OPENAI_KEY, ADMIN_TOKEN, LOCAL_KEY]) {
    const reply = await chatCall('/v1/chat/completions', {
      headers: bearer(wrong),
      body: openAiChat('gpt'),
    });
    expect(reply.status).toBe(401);
  }
  expect((await call(`${gateway.url}/admin/v1/keys`, { headers: bearer(gatewayKey) })).status).toBe(
    401,
  );

  // Operators' views.
  expect((await admin('keys')).status).toBe(200);
  expect((await admin('routing')).status).toBe(200);
  expect((await admin('audit?limit=10000')).status).toBe(200);
  expect((await call(`${gateway.url}/metrics`)).status).toBe(200);
  expect((await call(`${gateway.url}/v1/models`, { headers: bearer(gatewayKey) })).status).toBe(
    200,
  );
}

describe('secrets never leave the gateway', () => {
  it('shows the gateway key once, in the answer that created it, and nowhere else a client sees', () => {
    expect(leaked(creationReply)).toEqual(['the gateway key']);
    const leaks = seen.flatMap((reply) => leaked(reply).map((name) => `${name} in:\n${reply}`));
    expect(leaks).toEqual([]);
  });

  it('tells the caller why an upstream refused without the upstream key', () => {
    const answers = seen.filter((reply) => !reply.includes('"data":['));
    const refusals = answers.filter((reply) => reply.includes('"code":"upstream_auth_failed"'));
    expect(refusals).toHaveLength(3);
    // The provider's words do reach the caller for invalid requests, minus the key.
    const relayed = answers.filter((reply) => reply.includes('"code":"upstream_invalid_request"'));
    expect(relayed).toHaveLength(5);
    for (const reply of relayed) expect(reply).toContain('[redacted]');
  });

  it('keeps every secret out of the audit rows and the log', () => {
    // The request path logs only failures of its own (none here); the log
    // lines of a real process are searched in secrets-process.test.ts.
    const logLeaks = logs.lines.flatMap((line) => leaked(line).map((name) => `${name} in ${line}`));
    expect(logLeaks).toEqual([]);
    const rows = gateway.gateway.store.audit.query({ limit: 10_000 });
    // Every request above is on the record, so the search covers them all.
    const outcomes = new Set(
      rows.filter((row) => row.type === 'request.outcome').map((row) => row.requestId),
    );
    expect(chatRequestIds.filter((id) => !outcomes.has(id))).toEqual([]);
    expect(leaked(JSON.stringify(rows))).toEqual([]);
  });

  it('keeps every secret out of /metrics and the admin API', async () => {
    const views = await Promise.all(
      ['keys', 'routing', 'audit?limit=10000', 'suspensions'].map((route) => admin(route)),
    );
    views.push(await call(`${gateway.url}/metrics`));
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(leaked(describeReply(view))).toEqual([]);
    }
    const keys = (views[0]?.json as { data: Record<string, unknown>[] }).data;
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {})).not.toContain('secretHash');
  });

  it('sends each provider key only to its own provider', () => {
    const sent = {
      openai: JSON.stringify(openaiUpstream.requests),
      anthropic: JSON.stringify(anthropicUpstream.requests),
      local: JSON.stringify(localUpstream.requests),
    };
    expect(openaiUpstream.requests[0]?.headers['authorization']).toBe(`Bearer ${OPENAI_KEY}`);
    expect(anthropicUpstream.requests[0]?.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(localUpstream.requests[0]?.headers['authorization']).toBe(`Bearer ${LOCAL_KEY}`);
    expect(leaked(sent.openai)).toEqual(['the OpenAI provider key']);
    expect(leaked(sent.anthropic)).toEqual(['the Anthropic provider key']);
    expect(leaked(sent.local)).toEqual(['the local provider key']);
  });
});

describe('the database files', () => {
  it('hold the gateway key only as its SHA-256, and no other secret at all', async () => {
    // Closing checkpoints the write-ahead log into the main file; both are read anyway.
    gatewayClosed = true;
    await gateway.close();
    const files = readdirSync(dataDir).map((name) => path.join(dataDir, name));
    expect(files.some((file) => file.endsWith('.db'))).toBe(true);
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    expect(leaked(bytes)).toEqual([]);
    const hash = createHash('sha256').update(gatewayKey).digest('hex');
    expect(bytes.includes(hash)).toBe(true);
  });
});
