import { describe, it, expect } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { parseOpenAiRequest } from './parse-request.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';

const limits = DEFAULT_REQUEST_LIMITS;

function parse(body: Record<string, unknown>, bounds: RequestLimits = limits) {
  return parseOpenAiRequest(
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body },
    bounds,
  );
}

describe('parseOpenAiRequest', () => {
  it('parses a minimal request with defaults', () => {
    expect(parse({})).toEqual(chatCall({ model: 'gpt-4o' }));
  });

  it('parses every modelled field', () => {
    const call = parse({
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true, description: 'd' },
      },
      max_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      stop: ['END', 'STOP'],
      user: 'user-1',
      metadata: { team: 'red' },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(call).toMatchObject({
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          strict: true,
        },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: {
        type: 'json_schema',
        name: 'answer',
        schema: { type: 'object' },
        strict: true,
        description: 'd',
      },
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stop: ['END', 'STOP'],
      user: 'user-1',
      metadata: { team: 'red' },
      stream: true,
      includeUsage: true,
      passthrough: {},
    });
  });

  it('maps system and developer messages to canonical system messages', () => {
    const call = parse({
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(call.messages.slice(0, 2)).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'be brief' }] },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ]);
  });

  it('turns base64 data URLs into base64 image sources and keeps other URLs', () => {
    const call = parse({
      messages: [
        {
          role: 'user',
          name: 'alice',
          content: [
            { type: 'text', text: 'look' },
            {
              type: 'image_url',
              image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(call.messages[0]).toEqual({
      role: 'user',
      name: 'alice',
      content: [
        { type: 'text', text: 'look' },
        {
          type: 'image',
          source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          detail: 'low',
        },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      ],
    });
  });

  it('parses assistant tool calls and groups consecutive tool results into one message', () => {
    const call = parse({
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
            { id: 'call_2', type: 'function', function: { name: 'b', arguments: '{' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
        { role: 'user', content: 'thanks' },
      ],
    });
    expect(call.messages.slice(1, 3)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_1', name: 'a', arguments: '{"x":1}' },
          { type: 'tool-call', id: 'call_2', name: 'b', arguments: '{' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'rain' }] },
        ],
      },
    ]);
    expect(call.messages).toHaveLength(4);
  });

  it('keeps an assistant refusal as text when there is no other content', () => {
    const call = parse({
      messages: [
        { role: 'assistant', content: null, refusal: 'I cannot help.' },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      ],
    });
    expect(call.messages).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'I cannot help.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'No.' }] },
    ]);
  });

  it('prefers max_completion_tokens and marks it in passthrough', () => {
    const call = parse({ max_tokens: 10, max_completion_tokens: 20 });
    expect(call.maxTokens).toBe(20);
    expect(call.passthrough).toEqual({ max_completion_tokens: 20 });
  });

  it('puts known-but-unmodelled and unknown fields in passthrough', () => {
    const call = parse({
      seed: 7,
      logprobs: true,
      top_logprobs: 2,
      n: 1,
      reasoning_effort: 'low',
      vendor_extension: { nested: [1, 'two', null] },
    });
    expect(call.passthrough).toEqual({
      seed: 7,
      logprobs: true,
      top_logprobs: 2,
      n: 1,
      reasoning_effort: 'low',
      vendor_extension: { nested: [1, 'two', null] },
    });
  });

  it('treats null optional fields as absent', () => {
    const call = parse({
      temperature: null,
      top_p: null,
      stop: null,
      tools: null,
      tool_choice: null,
      max_tokens: null,
      stream: null,
      stream_options: null,
      user: null,
      metadata: null,
      response_format: null,
    });
    expect(call).toEqual(parse({}));
  });

  it('accepts a single stop string', () => {
    expect(parse({ stop: 'END' }).stop).toEqual(['END']);
  });
});

describe('parseOpenAiRequest with hostile keys', () => {
  it('keeps a __proto__ key as plain data in passthrough and metadata', () => {
    const body = JSON.parse(
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"__proto__":{"polluted":true},"metadata":{"__proto__":"x"}}',
    ) as unknown;
    const call = parseOpenAiRequest(body, limits);
    expect(Object.getPrototypeOf(call.passthrough)).toBe(Object.prototype);
    expect(Object.keys(call.passthrough)).toEqual(['__proto__']);
    expect('polluted' in call.passthrough).toBe(false);
    expect(Object.keys(call.metadata ?? {})).toEqual(['__proto__']);
  });
});
