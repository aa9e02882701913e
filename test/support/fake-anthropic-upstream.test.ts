import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Anthropic,
  APIConnectionError,
  APIError,
  AuthenticationError,
  NotFoundError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { parseSse } from '../../src/http/sse/parse-sse.ts';
import { anthropicAdapter } from '../../src/providers/anthropic/anthropic-adapter.ts';
import type { ChatStreamPart } from '../../src/chat/types.ts';
import { GatewayError } from '../../src/errors.ts';
import { startFakeAnthropicUpstream } from './fake-anthropic-upstream.ts';
import type { FakeUpstream } from './fake-upstream-types.ts';

let upstream: FakeUpstream;
let client: Anthropic;

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream();
  client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: upstream.baseUrl, maxRetries: 0 });
});

afterAll(async () => {
  await upstream.close();
});

beforeEach(() => {
  upstream.reset();
});

// A model the SDK does not warn about as deprecated.
const MODEL = 'claude-haiku-5-5';

interface StreamOutcome {
  readonly parts: ChatStreamPart[];
  readonly error: unknown;
}

/** Streams through the adapter, keeping the parts seen before any failure. */
async function streamParts(body: Record<string, unknown>): Promise<StreamOutcome> {
  const response = await fetch(`${upstream.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  if (response.body === null) throw new Error('no body');
  const parts: ChatStreamPart[] = [];
  try {
    for await (const part of anthropicAdapter.parseStream(parseSse(response.body)))
      parts.push(part);
  } catch (error) {
    return { parts, error };
  }
  return { parts, error: undefined };
}

const hello = {
  model: MODEL,
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hello' }],
};

describe('fake Anthropic upstream with the official SDK', () => {
  it('answers a non-streaming request with an echo Message the SDK parses', async () => {
    const message = await client.messages.create(hello);
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.model).toBe(MODEL);
    expect(message.content).toEqual([{ type: 'text', text: 'echo: hello' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('records the request body and lowercased headers', async () => {
    await client.messages.create(hello);
    const recorded = upstream.requests[0];
    expect(recorded?.method).toBe('POST');
    expect(recorded?.path).toBe('/v1/messages');
    // SDK 1.x sends the key as a bearer token; the API accepts it and `x-api-key`.
    expect(recorded?.headers.authorization).toBe('Bearer sk-ant-test');
    expect(recorded?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(recorded?.body).toEqual(hello);
  });

  it('streams an answer that the SDK accumulates into the same final message', async () => {
    upstream.enqueue({
      kind: 'reply',
      text: 'one two three four',
      chunks: 4,
      usage: { input: 12, output: 7 },
    });
    const events: string[] = [];
    const stream = client.messages.stream(hello);
    stream.on('streamEvent', (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'one two three four' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBe(12);
    expect(message.usage.output_tokens).toBe(7);
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('serves the SSE content type and a request id on streams', async () => {
    const response = await fetch(`${upstream.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...hello, stream: true }),
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(text).toContain('event: ping\ndata: {"type":"ping"}\n\n');
    expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
  });

  it('returns tool calls as tool_use blocks, streamed and not', async () => {
    const toolCalls = [{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' }];
    upstream.enqueue({ kind: 'reply', toolCalls }, { kind: 'reply', toolCalls });
    const tools = [
      {
        name: 'get_weather',
        input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
      },
    ];
    const plain = await client.messages.create({ ...hello, tools });
    const streamed = await client.messages.stream({ ...hello, tools }).finalMessage();
    for (const message of [plain, streamed]) {
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toHaveLength(1);
      expect(message.content[0]).toMatchObject({
        type: 'tool_use',
        id: 'toolu_01',
        name: 'get_weather',
        input: { city: 'Paris' },
      });
    }
  });

  it('surfaces 429 as the SDK RateLimitError with the retry-after header', async () => {
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    const error = await client.messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).type).toBe('rate_limit_error');
    expect((error as RateLimitError).headers.get('retry-after')).toBe('7');
  });

  it('surfaces 529 as the SDK OverloadedError', async () => {
    upstream.enqueue({ kind: 'status', status: 529 });
    const error = await client.messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).type).toBe('overloaded_error');
  });

  it('uses the given error type and message for status errors', async () => {
    upstream.enqueue({ kind: 'status', status: 401, message: 'invalid x-api-key' });
    const error = await client.messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).apiMessage).toBe('invalid x-api-key');
  });

  it('reports a suspended model as a 404 not_found_error naming the model', async () => {
    upstream.enqueue({ kind: 'model-suspended' });
    const error = await client.messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).apiMessage).toBe(`model: ${MODEL}`);
  });

  it('resets the connection without a response', async () => {
    upstream.enqueue({ kind: 'reset' });
    const error = await client.messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
  });

  it('hangs until the client gives up', async () => {
    upstream.enqueue({ kind: 'hang' });
    const error = await client.messages
      .create(hello, { signal: AbortSignal.timeout(100) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(upstream.requests).toHaveLength(1);
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]?.type).toBe('model');
  });
});

describe('fake Anthropic upstream stream faults', () => {
  it('cuts a stream after N events: the parts before the cut arrive, then the read fails', async () => {
    upstream.enqueue({ kind: 'stream-cut', afterEvents: 3 });
    const outcome = await streamParts(hello);
    // message_start, content_block_start, ping: only `start` is a canonical part.
    expect(outcome.parts.map((part) => part.type)).toEqual(['start']);
    // A destroyed socket fails the body read (undici "terminated") or, if the
    // close is seen as an end, parseStream reports the missing message_stop.
    expect(outcome.error).toBeInstanceOf(Error);
  });

  it('tears the next event in half on a mid-event cut', async () => {
    upstream.enqueue({ kind: 'stream-cut', afterEvents: 2, midEvent: true });
    const response = await fetch(`${upstream.baseUrl}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ ...hello, stream: true }),
    });
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    try {
      if (response.body !== null) {
        for await (const chunk of response.body)
          chunks.push(decoder.decode(chunk as Uint8Array, { stream: true }));
      }
    } catch {
      // The socket is destroyed on purpose.
    }
    const text = chunks.join('');
    expect(text.split('\n\n').length - 1).toBe(2);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('sends every event but message_stop on stream-no-terminal', async () => {
    upstream.enqueue({ kind: 'stream-no-terminal' });
    const outcome = await streamParts(hello);
    expect(outcome.parts.map((part) => part.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
    ]);
    expect(outcome.error).toBeInstanceOf(GatewayError);
    expect((outcome.error as GatewayError).code).toBe('upstream_truncated');
  });

  it('sends raw SSE chunks verbatim', async () => {
    upstream.enqueue({
      kind: 'raw-sse',
      chunks: [
        'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"x","usage":{"input_tokens":1,"output_tokens":0}}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ],
    });
    const outcome = await streamParts(hello);
    expect(outcome.error).toBeUndefined();
    expect(outcome.parts.map((part) => part.type)).toEqual(['start', 'finish']);
  });
});
