import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { parseAnthropicRequest } from './parse-request.ts';

const base = {
  model: 'claude-haiku-5-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Hello' }],
};

function parse(body: Record<string, unknown>, limits: RequestLimits = DEFAULT_REQUEST_LIMITS) {
  return parseAnthropicRequest(body, limits);
}

describe('parseAnthropicRequest', () => {
  it('parses a minimal request into a canonical call', () => {
    expect(parse(base)).toEqual({
      dialect: 'anthropic',
      model: 'claude-haiku-5-5',
      maxTokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [],
      stop: [],
      stream: false,
      includeUsage: true,
      passthrough: {},
    });
  });

  it('turns a string system prompt into a leading system message', () => {
    const call = parse({ ...base, system: 'Be brief.' });
    expect(call.messages[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Be brief.' }],
    });
  });

  it('keeps the cache_control of system text blocks', () => {
    const call = parse({
      ...base,
      system: [
        { type: 'text', text: 'One.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Two.' },
      ],
    });
    expect(call.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'One.', cacheControl: { type: 'ephemeral' } },
        { type: 'text', text: 'Two.' },
      ],
    });
  });

  it('accepts system turns inside messages as system messages in place', () => {
    const call = parse({
      ...base,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Switch to French.' },
      ],
    });
    expect(call.messages[1]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Switch to French.' }],
    });
  });

  it('parses images from base64 and url sources', () => {
    const call = parse({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    });
    expect(call.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
        { type: 'text', text: 'What is this?' },
      ],
    });
  });

  it('turns assistant tool_use into tool calls with JSON text arguments', () => {
    const call = parse({
      ...base,
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
      ],
    });
    expect(call.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
      ],
    });
  });

  it('splits a user turn with tool results into a tool message then a user message', () => {
    const call = parse({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              is_error: true,
              content: [{ type: 'text', text: 'boom' }],
            },
            { type: 'tool_result', tool_use_id: 'toolu_3' },
            { type: 'text', text: 'Thanks, and?' },
          ],
        },
      ],
    });
    expect(call.messages).toEqual([
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            content: [{ type: 'text', text: 'sunny' }],
          },
          {
            type: 'tool-result',
            toolCallId: 'toolu_2',
            content: [{ type: 'text', text: 'boom' }],
            isError: true,
          },
          { type: 'tool-result', toolCallId: 'toolu_3', content: [] },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks, and?' }] },
    ]);
  });

  it('drops thinking blocks from assistant turns', () => {
    const call = parse({
      ...base,
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'xyz' },
            { type: 'text', text: 'Hello!' },
          ],
        },
      ],
    });
    expect(call.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello!' }],
    });
  });

  it('parses custom tools, tool_choice and disable_parallel_tool_use', () => {
    const call = parse({
      ...base,
      tools: [
        {
          name: 'get_weather',
          description: 'Weather by city',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
          cache_control: { type: 'ephemeral' },
        },
        { type: 'custom', name: 'noop', input_schema: { type: 'object' }, strict: true },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(call.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather by city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
        cacheControl: { type: 'ephemeral' },
      },
      { name: 'noop', parameters: { type: 'object' }, strict: true },
    ]);
    expect(call.toolChoice).toEqual({ type: 'required' });
    expect(call.parallelToolCalls).toBe(false);
  });

  it('maps each tool_choice type', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    expect(parse({ ...base, tools, tool_choice: { type: 'auto' } }).toolChoice).toEqual({
      type: 'auto',
    });
    expect(parse({ ...base, tools, tool_choice: { type: 'none' } }).toolChoice).toEqual({
      type: 'none',
    });
    expect(parse({ ...base, tools, tool_choice: { type: 'tool', name: 'f' } }).toolChoice).toEqual({
      type: 'tool',
      name: 'f',
    });
  });

  it('reads sampling, stop sequences, user id and stream', () => {
    const call = parse({
      ...base,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      stream: true,
    });
    expect(call).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      stop: ['END'],
      user: 'user-42',
      stream: true,
      includeUsage: true,
    });
  });

  it('keeps unmodelled and unknown fields as passthrough', () => {
    const call = parse({
      ...base,
      top_k: 5,
      thinking: { type: 'adaptive' },
      service_tier: 'auto',
      some_future_field: [1, 2],
    });
    expect(call.passthrough).toEqual({
      top_k: 5,
      thinking: { type: 'adaptive' },
      service_tier: 'auto',
      some_future_field: [1, 2],
    });
  });

  it('never lets a __proto__ field reach the passthrough prototype', () => {
    const body = JSON.parse(
      '{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}],"__proto__":{"polluted":true}}',
    ) as Record<string, unknown>;
    const call = parse(body);
    expect(Object.getPrototypeOf(call.passthrough)).toBe(Object.prototype);
    expect(Object.keys(call.passthrough)).toEqual([]);
  });

  it('accepts max_tokens 0 (cache pre-warming) and treats null optionals as absent', () => {
    const call = parse({ ...base, max_tokens: 0, temperature: null, system: null, tools: null });
    expect(call.maxTokens).toBe(0);
    expect(call.temperature).toBeUndefined();
    expect(call.messages).toHaveLength(1);
  });
});
