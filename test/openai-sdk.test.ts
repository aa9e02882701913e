/**
 * The official `openai` client drives the real gateway: sim models, an
 * OpenAI-compatible upstream, and an Anthropic upstream behind an
 * OpenAI-dialect alias (cross-dialect), streaming and not, with tools.
 */
import OpenAI, { NotFoundError, BadRequestError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import type { TestGateway } from './support/test-gateway.ts';
import {
  startTwoProviderGateway,
  type TwoProviderGateway,
} from './support/two-provider-gateway.ts';

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let fixture: TwoProviderGateway;
let gateway: TestGateway;
let client: OpenAI;

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

beforeAll(async () => {
  fixture = await startTwoProviderGateway();
  ({ gateway, openaiUpstream, anthropicUpstream } = fixture);
  client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'any-key-in-open-mode',
    maxRetries: 0,
  });
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  fixture.reset();
});

describe('OpenAI SDK through the gateway', () => {
  it('answers from sim/echo without any provider key', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'Hello gateway' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: Hello gateway');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams sim/echo in several chunks with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'streaming works' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) pieces.push(delta);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(pieces.join('')).toBe('echo: streaming works');
    expect(pieces.length).toBeGreaterThan(1);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('forwards to an OpenAI-compatible upstream with the provider key, never the caller key', async () => {
    openaiUpstream.enqueue({
      kind: 'reply',
      text: 'from upstream',
      usage: { input: 11, output: 3 },
    });
    const completion = await client.chat.completions.create({
      model: 'gpt',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.2,
      max_tokens: 50,
      seed: 7,
    });
    expect(completion.choices[0]?.message.content).toBe('from upstream');
    expect(completion.usage?.prompt_tokens).toBe(11);
    const sent = openaiUpstream.requests[0];
    expect(sent?.headers['authorization']).toBe('Bearer sk-upstream-openai-secret');
    const body = sent?.body as Record<string, unknown>;
    expect(body['model']).toBe('gpt-4o-2024-08-06');
    expect(body['temperature']).toBe(0.2);
    // Unmodelled OpenAI fields reach an OpenAI upstream unchanged.
    expect(body['seed']).toBe(7);
  });

  it('returns parallel tool calls from an OpenAI upstream, streaming', async () => {
    openaiUpstream.enqueue({
      kind: 'reply',
      toolCalls: [
        { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      ],
    });
    const runner = client.chat.completions.stream({
      model: 'gpt',
      messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      tools: [WEATHER_TOOL],
      parallel_tool_calls: true,
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    const argumentsOf = (call: (typeof calls)[number]): unknown =>
      'function' in call ? JSON.parse(call.function.arguments) : undefined;
    expect(calls.map(argumentsOf)).toEqual([{ city: 'Paris' }, { city: 'Oslo' }]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('translates an OpenAI-dialect conversation with tool results to an Anthropic upstream and back', async () => {
    anthropicUpstream.enqueue({
      kind: 'reply',
      text: 'It is sunny in Paris.',
      usage: { input: 40, output: 7 },
    });
    const completion = await client.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'You are a weather bot.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_abc',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc', content: 'sunny, 21C' },
      ],
      tools: [WEATHER_TOOL],
      max_tokens: 100,
    });
    expect(completion.choices[0]?.message.content).toBe('It is sunny in Paris.');
    expect(completion.usage?.prompt_tokens).toBe(40);
    const body = anthropicUpstream.requests[0]?.body as Record<string, unknown>;
    expect(body['system']).toBe('You are a weather bot.');
    expect(body['max_tokens']).toBe(100);
    expect(body['tools']).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        input_schema: WEATHER_TOOL.function.parameters,
      },
    ]);
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_abc', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'call_abc',
            content: [{ type: 'text', text: 'sunny, 21C' }],
          },
        ],
      },
    ]);
    expect(anthropicUpstream.requests[0]?.headers['x-api-key']).toBe('sk-ant-upstream-secret');
  });

  it('streams a tool call from an Anthropic upstream as OpenAI tool-call deltas', async () => {
    anthropicUpstream.enqueue({
      kind: 'reply',
      text: 'Let me check.',
      toolCalls: [{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Lima"}' }],
      usage: { input: 20, output: 9 },
    });
    const final = await client.chat.completions
      .stream({
        model: 'claude',
        messages: [{ role: 'user', content: 'Weather in Lima?' }],
        tools: [WEATHER_TOOL],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.content).toBe('Let me check.');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Lima',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.usage?.completion_tokens).toBe(9);
  });

  it('lists the models the caller may use', async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['claude', 'gpt', 'sim/echo', 'sim/obedient', 'sim/scripted']),
    );
  });

  it('answers an unknown model with a 404 in the OpenAI error shape and a stable code', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('unknown_model');
  });

  it('rejects an unknown role with a 400 naming the field', async () => {
    const error = await client.chat.completions
      .create({ model: 'sim/echo', messages: [{ role: 'wizard', content: 'x' } as never] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe('invalid_request');
    expect((error as BadRequestError).param).toBe('messages[0].role');
  });
});
