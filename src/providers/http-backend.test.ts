import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatResult, ChatStreamPart } from '../chat/types.ts';
import { GatewayError } from '../errors.ts';
import { createHttpBackend, UpstreamStatusError } from './http-backend.ts';
import type { ProviderAdapter, SseEvent, Target, UpstreamFailure } from './types.ts';
import type { UpstreamClient } from './upstream-client.ts';
import { createUpstreamClient } from './upstream-client.ts';
import { chatCall } from '../../test/support/canonical-fixtures.ts';

/**
 * A minimal provider: POST {base}/chat; JSON `{ "text": … }` answers; SSE
 * `data: <text>` events ending with `data: [DONE]`.
 */
const testAdapter: ProviderAdapter = {
  kind: 'openai',
  dialect: 'openai',
  buildRequest: (call, target) => ({
    url: `${target.provider.baseUrl}/chat`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: target.model, stream: call.stream }),
  }),
  parseResponse(body): ChatResult {
    const text = (body as { text?: unknown }).text;
    if (typeof text !== 'string') throw new GatewayError('upstream_bad_response', 'no text');
    return {
      id: 'r1',
      model: 'm',
      content: [{ type: 'text', text }],
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 1 },
    };
  },
  async *parseStream(events: AsyncIterable<SseEvent>): AsyncIterable<ChatStreamPart> {
    yield { type: 'start', id: 'r1', model: 'm' };
    for await (const event of events) {
      if (event.data === '[DONE]') {
        yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };
        return;
      }
      yield { type: 'text-delta', text: event.data };
    }
    throw new GatewayError('upstream_truncated', 'no terminal event', { retryable: true });
  },
  classifyError(status, body, headers): UpstreamFailure {
    const retryAfter = headers['retry-after'];
    const retryAfterMs = typeof retryAfter === 'string' ? Number(retryAfter) * 1000 : undefined;
    const kind = (body as { kind?: unknown } | undefined)?.kind;
    if (status === 429)
      return {
        code: 'upstream_rate_limited',
        retryable: true,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    if (status === 400)
      return {
        code: 'upstream_invalid_request',
        retryable: false,
        message: `Rejected: ${String(kind)}`,
      };
    if (status === 401) return { code: 'upstream_auth_failed', retryable: false };
    return { code: 'upstream_error', retryable: true };
  },
};

const CALL = chatCall({ model: 'chat' });

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  handler: Handler,
): Promise<{ readonly target: Target; readonly client: UpstreamClient }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createUpstreamClient();
  cleanups.push(
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
    () => client.destroy(),
  );
  const target: Target = {
    id: 'test/m',
    provider: {
      name: 'test',
      kind: 'openai',
      baseUrl: `http://127.0.0.1:${port}`,
      headers: {},
      connections: 2,
    },
    model: 'm',
    timeoutMs: 5_000,
    defaultMaxTokens: 100,
    regions: {},
  };
  return { target, client };
}

const context = { signal: new AbortController().signal, callerHeaders: {} };

function sse(response: ServerResponse, ...events: string[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  for (const event of events) response.write(`data: ${event}\n\n`);
}

async function collect(iterator: AsyncIterator<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return parts;
    parts.push(next.value);
  }
}

describe('createHttpBackend: complete', () => {
  it('sends the adapter request and parses the JSON answer', async () => {
    const { target, client } = await setup((request, response) => {
      expect(request.url).toBe('/chat');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ text: 'hello' }));
    });
    const result = await createHttpBackend(testAdapter, client).complete(CALL, target, context);
    expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
  });

  it('classifies an error status with the adapter, keeping Retry-After in ms', async () => {
    const { target, client } = await setup((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      response.end(JSON.stringify({ kind: 'rate_limit' }));
    });
    const error = await createHttpBackend(testAdapter, client)
      .complete(CALL, target, context)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UpstreamStatusError);
    expect(error).toMatchObject({
      code: 'upstream_rate_limited',
      retryable: true,
      retryAfterMs: 2_000,
      retryAfterSeconds: 2,
      upstreamStatus: 429,
    });
  });

  it('passes the parsed error body to the adapter and uses its caller-safe message', async () => {
    const { target, client } = await setup((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'context_length' }));
    });
    await expect(
      createHttpBackend(testAdapter, client).complete(CALL, target, context),
    ).rejects.toMatchObject({
      code: 'upstream_invalid_request',
      message: 'Rejected: context_length',
    });
  });

  it('answers upstream_bad_response, retryable, for a malformed JSON body', async () => {
    const { target, client } = await setup((_request, response) =>
      response.end('{"text": "unterminated'),
    );
    await expect(
      createHttpBackend(testAdapter, client).complete(CALL, target, context),
    ).rejects.toMatchObject({
      code: 'upstream_bad_response',
      retryable: true,
    });
  });
});

describe('createHttpBackend: stream', () => {
  it('turns the SSE body into canonical parts', async () => {
    const { target, client } = await setup((_request, response) => {
      sse(response, 'Hel', 'lo', '[DONE]');
      response.end();
    });
    const iterator = await createHttpBackend(testAdapter, client).stream(
      { ...CALL, stream: true },
      target,
      context,
    );
    expect(await collect(iterator)).toEqual([
      { type: 'start', id: 'r1', model: 'm' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } },
    ]);
  });

  it('rejects a 2xx answer that is not an event stream', async () => {
    const { target, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"text":"not a stream"}');
    });
    await expect(
      createHttpBackend(testAdapter, client).stream({ ...CALL, stream: true }, target, context),
    ).rejects.toMatchObject({ code: 'upstream_bad_response' });
  });

  it('classifies an error status before any stream starts', async () => {
    const { target, client } = await setup((_request, response) => {
      response.writeHead(401);
      response.end();
    });
    await expect(
      createHttpBackend(testAdapter, client).stream({ ...CALL, stream: true }, target, context),
    ).rejects.toMatchObject({ code: 'upstream_auth_failed', upstreamStatus: 401 });
  });

  it('throws upstream_truncated when the connection drops mid-stream', async () => {
    const { target, client } = await setup((_request, response) => {
      sse(response, 'Hel');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    const iterator = await createHttpBackend(testAdapter, client).stream(
      { ...CALL, stream: true },
      target,
      context,
    );
    await expect(collect(iterator)).rejects.toMatchObject({ code: 'upstream_truncated' });
  });

  it('closes the upstream connection when the consumer stops early, even while the upstream is silent', async () => {
    let closed = false;
    const { target, client } = await setup((_request, response) => {
      response.on('close', () => {
        closed = true;
      });
      sse(response, 'Hel');
    });
    const iterator = await createHttpBackend(testAdapter, client).stream(
      { ...CALL, stream: true },
      target,
      context,
    );
    await iterator.next();
    await iterator.next();
    // The upstream says nothing more: a pending next() would wait forever.
    const pending = iterator.next();
    await iterator.return?.();
    await expect(pending).rejects.toBeInstanceOf(GatewayError);
    await expect.poll(() => closed).toBe(true);
  });

  it('releases the connection when the attempt signal aborts', async () => {
    let closed = false;
    const { target, client } = await setup((_request, response) => {
      response.on('close', () => {
        closed = true;
      });
      sse(response, 'Hel');
    });
    const controller = new AbortController();
    const iterator = await createHttpBackend(testAdapter, client).stream(
      { ...CALL, stream: true },
      target,
      {
        signal: controller.signal,
        callerHeaders: {},
      },
    );
    await iterator.next();
    await iterator.next();
    controller.abort(new GatewayError('upstream_timeout', 'stalled'));
    await expect(iterator.next()).rejects.toMatchObject({ code: 'upstream_timeout' });
    await expect.poll(() => closed).toBe(true);
  });
});
