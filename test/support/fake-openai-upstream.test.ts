import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { APIError, InternalServerError, NotFoundError, OpenAI, RateLimitError } from 'openai';
import type { ChatCall } from '../../src/chat/types.ts';
import { GatewayError } from '../../src/errors.ts';
import { OpenAiStreamEncoder } from '../../src/dialects/openai/encode-stream.ts';
import { parseSse } from '../../src/http/sse/parse-sse.ts';
import { openAiAdapter } from '../../src/providers/openai/adapter.ts';
import type { Target } from '../../src/providers/types.ts';
import { startFakeOpenAiUpstream } from './fake-openai-upstream.ts';
import type { FakeUpstream } from './fake-upstream-types.ts';

let fake: FakeUpstream;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAiUpstream();
  client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseUrl, maxRetries: 0, timeout: 5_000 });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

describe('the fake OpenAI upstream, driven by the official openai SDK', () => {
  it('answers a chat completion with an echo and records the request', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('echo: hello');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] },
    });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-fake');
  });

  it('streams chunks in the real order with a final usage chunk', async () => {
    fake.enqueue({
      kind: 'reply',
      text: 'Grüße 😀 中文',
      chunks: 4,
      usage: { input: 7, output: 5 },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Grüße 😀 中文');
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 5,
      total_tokens: 12,
    });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });

  it('returns and streams tool calls the SDK can assemble', async () => {
    fake.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
      {
        kind: 'reply',
        toolCalls: [{ id: 'call_2', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
    );
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');

    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_2',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('surfaces a 429 as RateLimitError with its headers', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3' } });
    const error: unknown = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe('rate_limit_exceeded');
    expect((error as RateLimitError).headers.get('retry-after')).toBe('3');
  });

  it('surfaces a 500 as InternalServerError and a withdrawn model as NotFoundError', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'model-suspended' });
    const request = { model: 'gpt-3', messages: [{ role: 'user' as const, content: 'x' }] };
    await expect(client.chat.completions.create(request)).rejects.toBeInstanceOf(
      InternalServerError,
    );
    const error: unknown = await client.chat.completions
      .create(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('model_not_found');
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });

  it("lets the SDK's stream helper assemble the gateway encoder's text and tool calls", async () => {
    const call: ChatCall = {
      dialect: 'openai',
      model: 'fast',
      messages: [],
      tools: [],
      stop: [],
      stream: true,
      includeUsage: true,
      passthrough: {},
    };
    const encoder = new OpenAiStreamEncoder(call);
    fake.enqueue({
      kind: 'raw-sse',
      chunks: [
        encoder.encode({ type: 'start', id: 'chatcmpl-g', model: 'gpt-4o' }),
        encoder.encode({ type: 'text-delta', text: 'Let me check. ' }),
        encoder.encode({ type: 'tool-call-start', index: 0, id: 'call_a', name: 'get_weather' }),
        encoder.encode({ type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' }),
        encoder.encode({ type: 'tool-call-start', index: 1, id: 'call_b', name: 'get_weather' }),
        encoder.encode({ type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' }),
        encoder.encode({ type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Oslo"}' }),
        encoder.encode({
          type: 'finish',
          finishReason: 'tool-calls',
          usage: { inputTokens: 3, outputTokens: 4 },
        }),
      ],
    });
    const final = await client.chat.completions
      .stream({
        model: 'fast',
        messages: [{ role: 'user', content: 'x' }],
        tools: [weatherTool],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    expect(final.id).toBe('chatcmpl-g');
    expect(final.choices[0]?.message.content).toBe('Let me check. ');
    expect(final.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_a',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        id: 'call_b',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
  });

  it("makes the SDK throw an APIError on the gateway's in-stream error event", async () => {
    const call: ChatCall = {
      dialect: 'openai',
      model: 'fast',
      messages: [],
      tools: [],
      stop: [],
      stream: true,
      includeUsage: false,
      passthrough: {},
    };
    const encoder = new OpenAiStreamEncoder(call);
    fake.enqueue({
      kind: 'raw-sse',
      chunks: [
        encoder.encode({ type: 'start', id: 'chatcmpl-x', model: 'm' }),
        encoder.encode({ type: 'text-delta', text: 'partial' }),
        encoder.fail(new GatewayError('upstream_truncated', 'The upstream response ended early.')),
      ],
    });
    const stream = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const seen: string[] = [];
    const error: unknown = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((caught: unknown) => caught);
    expect(seen.join('')).toBe('partial');
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe('upstream_truncated');
    expect((error as APIError).type).toBe('server_error');
  });
});

describe('the fake OpenAI upstream, driven by the OpenAI adapter', () => {
  function target(): Target {
    return {
      id: 'fake/gpt-4o-mini',
      provider: {
        name: 'fake',
        kind: 'openai',
        baseUrl: fake.baseUrl,
        headers: {},
        connections: 1,
      },
      model: 'gpt-4o-mini',
      timeoutMs: 5_000,
      defaultMaxTokens: 1024,
      regions: {},
    };
  }

  const call: ChatCall = {
    dialect: 'anthropic',
    model: 'fast',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }],
    tools: [],
    stop: [],
    stream: true,
    includeUsage: false,
    passthrough: {},
  };

  /** The body's chunks until it ends or the connection drops (noted in `dropped`). */
  async function* untilClosed(
    body: AsyncIterable<Uint8Array>,
    dropped: { value: boolean },
  ): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of body) yield chunk;
    } catch {
      dropped.value = true;
    }
  }

  async function streamParts(dropped = { value: false }): Promise<string[]> {
    const request = openAiAdapter.buildRequest(call, target());
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    const body = response.body;
    if (body === null) throw new Error('no body');
    const types: string[] = [];
    for await (const part of openAiAdapter.parseStream(parseSse(untilClosed(body, dropped)))) {
      types.push(part.type === 'text-delta' ? part.text : part.type);
    }
    return types;
  }

  it('streams a complete answer with usage', async () => {
    expect(await streamParts()).toEqual(['start', 'echo', ': pi', 'ng', 'finish']);
    expect(fake.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it.each([
    ['a cut before any event', { kind: 'stream-cut', afterEvents: 0 }, true],
    ['a cut between events', { kind: 'stream-cut', afterEvents: 2 }, true],
    [
      'a cut in the middle of an event',
      { kind: 'stream-cut', afterEvents: 2, midEvent: true },
      true,
    ],
    ['a cut just before [DONE]', { kind: 'stream-cut', afterEvents: 6, midEvent: true }, true],
    ['a stream without [DONE]', { kind: 'stream-no-terminal' }, false],
  ] as const)('reports %s as upstream_truncated', async (_name, behaviour, drops) => {
    fake.enqueue(behaviour);
    const dropped = { value: false };
    await expect(streamParts(dropped)).rejects.toMatchObject({ code: 'upstream_truncated' });
    expect(dropped.value).toBe(drops);
  });

  it('drops the connection on reset and keeps quiet on hang', async () => {
    fake.enqueue({ kind: 'reset' }, { kind: 'hang' });
    const request = openAiAdapter.buildRequest({ ...call, stream: false }, target());
    const init = { method: 'POST', headers: request.headers, body: request.body };
    await expect(fetch(request.url, init)).rejects.toThrow();
    await expect(
      fetch(request.url, { ...init, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(fake.requests).toHaveLength(2);
  });

  it('delays a reply and uses the given error type as the code', async () => {
    fake.enqueue(
      { kind: 'reply', text: 'late', delayMs: 30 },
      { kind: 'status', status: 400, errorType: 'context_length_exceeded', message: 'too long' },
    );
    const request = openAiAdapter.buildRequest({ ...call, stream: false }, target());
    const init = { method: 'POST', headers: request.headers, body: request.body };
    const started = Date.now();
    const ok = await fetch(request.url, init);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(openAiAdapter.parseResponse(await ok.json()).content).toEqual([
      { type: 'text', text: 'late' },
    ]);
    const failed = await fetch(request.url, init);
    const body: unknown = await failed.json();
    expect(body).toEqual({
      error: {
        message: 'too long',
        type: 'invalid_request_error',
        param: null,
        code: 'context_length_exceeded',
      },
    });
    expect(openAiAdapter.classifyError(failed.status, body, {})).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
      message: 'too long',
    });
  });
});

describe('the fake OpenAI upstream without recording', () => {
  it('answers but keeps no requests when recording is off', async () => {
    const quiet = await startFakeOpenAiUpstream({ recordRequests: false });
    try {
      const response = await fetch(`${quiet.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hey' }] }),
      });
      expect(openAiAdapter.parseResponse(await response.json()).content).toEqual([
        { type: 'text', text: 'echo: hey' },
      ]);
      expect(quiet.requests).toEqual([]);
      const missing = await fetch(`${quiet.baseUrl}/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    } finally {
      await quiet.close();
    }
  });
});
