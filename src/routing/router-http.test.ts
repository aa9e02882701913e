/**
 * The router over the real upstream path: undici client, HTTP backend and a
 * loopback server that misbehaves on cue.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatCall, ChatResult, ChatStreamPart } from '../chat/types.ts';
import { routingSchema } from '../config/schema.ts';
import { GatewayError } from '../errors.ts';
import { createHttpBackend } from '../providers/http-backend.ts';
import type { ProviderAdapter, SseEvent, Target } from '../providers/types.ts';
import { createUpstreamClient } from '../providers/upstream-client.ts';
import { createRouter } from './router.ts';
import { NO_SUSPENSIONS } from './suspension-matcher.ts';
import type { Router } from './types.ts';

/** POST {base}/chat; JSON `{ "text" }`; SSE `data: <text>` … `data: [DONE]`. */
const testAdapter: ProviderAdapter = {
  kind: 'openai',
  dialect: 'openai',
  buildRequest: (call, target) => ({
    url: `${target.provider.baseUrl}/chat`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stream: call.stream }),
  }),
  parseResponse: (body): ChatResult => ({
    id: 'r',
    model: 'm',
    content: [{ type: 'text', text: String((body as { text?: unknown }).text) }],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1 },
  }),
  async *parseStream(events: AsyncIterable<SseEvent>): AsyncIterable<ChatStreamPart> {
    for await (const event of events) {
      if (event.data === '[DONE]') {
        yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };
        return;
      }
      yield event.data === 'start'
        ? { type: 'start', id: 'r', model: 'm' }
        : { type: 'text-delta', text: event.data };
    }
    throw new GatewayError('upstream_truncated', 'no terminal event', { retryable: true });
  },
  classifyError: (status) =>
    status >= 500
      ? { code: 'upstream_error', retryable: true }
      : { code: 'upstream_invalid_request', retryable: false },
};

const CALL: ChatCall = {
  dialect: 'openai',
  model: 'chat',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  stop: [],
  stream: false,
  includeUsage: false,
  passthrough: {},
};

type Behaviour = 'reset' | 'hang' | 'ok' | 'error-500' | 'sse-then-silence';

interface Upstream {
  readonly baseUrl: string;
  /** Responses (by path) closed before they finished: connections the gateway let go. */
  readonly closedEarly: string[];
  /** Queue behaviours for the next requests to `/{name}/chat`. */
  enqueue(name: string, ...behaviours: Behaviour[]): void;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startUpstream(): Promise<Upstream> {
  const queues = new Map<string, Behaviour[]>();
  const closedEarly: string[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const name = (request.url ?? '').split('/')[1] ?? '';
    const behaviour = queues.get(name)?.shift() ?? 'ok';
    response.on('close', () => {
      if (!response.writableFinished) closedEarly.push(name);
    });
    request.resume();
    switch (behaviour) {
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'ok':
        if (name.startsWith('stream')) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end('data: start\n\ndata: hi\n\ndata: [DONE]\n\n');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ text: `from ${name}` }));
        return;
      case 'error-500':
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"error":"boom"}');
        return;
      case 'sse-then-silence':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: start\n\ndata: hi\n\n');
        return;
    }
  };
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    closedEarly,
    enqueue: (name, ...behaviours) => {
      queues.set(name, [...(queues.get(name) ?? []), ...behaviours]);
    },
  };
}

function target(upstream: Upstream, name: string, timeoutMs = 5_000): Target {
  return {
    id: `${name}/m`,
    provider: {
      name,
      kind: 'openai',
      baseUrl: `${upstream.baseUrl}/${name}`,
      headers: {},
      connections: 2,
    },
    model: 'm',
    timeoutMs,
    defaultMaxTokens: 100,
    regions: {},
  };
}

function router(maxRetriesPerTarget: number): Router {
  const client = createUpstreamClient();
  cleanups.push(() => client.destroy());
  const backend = createHttpBackend(testAdapter, client);
  return createRouter({
    routing: routingSchema.parse({ retry: { maxRetriesPerTarget } }),
    backendFor: () => backend,
    suspensions: () => NO_SUSPENSIONS,
    random: () => 0,
  });
}

function request(targets: readonly Target[], stream = false): Parameters<Router['complete']>[0] {
  return {
    call: { ...CALL, stream },
    targets,
    region: '',
    callerHeaders: {},
    signal: new AbortController().signal,
  };
}

describe('router over HTTP', () => {
  it('retries after the upstream resets the connection, then answers', async () => {
    const upstream = await startUpstream();
    upstream.enqueue('a', 'reset');
    const outcome = await router(1).complete(request([target(upstream, 'a')]));
    if (outcome.kind !== 'ok') throw new Error(`expected success, got ${outcome.kind}`);
    expect(outcome.result.content).toEqual([{ type: 'text', text: 'from a' }]);
    expect(outcome.attempts.map((record) => `${record.outcome} ${record.reason}`)).toEqual([
      'retry upstream_error',
      'ok ok',
    ]);
  });

  it('times out an attempt against a hanging upstream, closes it, and falls back', async () => {
    const upstream = await startUpstream();
    upstream.enqueue('a', 'hang');
    const outcome = await router(0).complete(
      request([target(upstream, 'a', 50), target(upstream, 'b')]),
    );
    if (outcome.kind !== 'ok') throw new Error(`expected success, got ${outcome.kind}`);
    expect(outcome.target.id).toBe('b/m');
    expect(outcome.attempts[0]).toMatchObject({ reason: 'upstream_timeout', outcome: 'fallback' });
    await expect.poll(() => upstream.closedEarly).toContain('a');
  });

  it('falls back when a stream fails with a 500 before its first part', async () => {
    const upstream = await startUpstream();
    upstream.enqueue('stream-a', 'error-500');
    const outcome = await router(0).stream(
      request([target(upstream, 'stream-a'), target(upstream, 'stream-b')], true),
    );
    if (outcome.kind !== 'ok') throw new Error(`expected success, got ${outcome.kind}`);
    expect(outcome.target.id).toBe('stream-b/m');
    expect(outcome.first).toEqual({ type: 'start', id: 'r', model: 'm' });
    expect(outcome.attempts[0]).toMatchObject({ reason: 'upstream_error', status: 500 });
  });

  it('releases the upstream connection when the consumer stops a stream early', async () => {
    const upstream = await startUpstream();
    upstream.enqueue('stream-a', 'sse-then-silence');
    const outcome = await router(0).stream(request([target(upstream, 'stream-a')], true));
    if (outcome.kind !== 'ok') throw new Error(`expected success, got ${outcome.kind}`);
    expect(await outcome.rest.next()).toEqual({
      done: false,
      value: { type: 'text-delta', text: 'hi' },
    });
    await outcome.rest.return?.();
    await expect.poll(() => upstream.closedEarly).toEqual(['stream-a']);
  });
});
