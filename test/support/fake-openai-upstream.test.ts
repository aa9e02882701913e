import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { APIError, InternalServerError, NotFoundError, OpenAI, RateLimitError } from 'openai';
import { GatewayError } from '../../src/errors.ts';
import { OpenAiStreamEncoder } from '../../src/dialects/openai/encode-stream.ts';
import { chatCall } from './canonical-fixtures.ts';
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
    const encoder = new OpenAiStreamEncoder(
      chatCall({ model: 'fast', messages: [], stream: true, includeUsage: true }),
    );
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
    const encoder = new OpenAiStreamEncoder(
      chatCall({ model: 'fast', messages: [], stream: true }),
    );
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
