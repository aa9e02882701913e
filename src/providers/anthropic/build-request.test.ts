import { describe, expect, it } from 'vitest';
import type { ChatCall } from '../../chat/types.ts';
import {
  anthropicTarget as target,
  chatCall,
  userText,
  withoutApiKey,
} from '../../../test/support/canonical-fixtures.ts';
import type { Target } from '../types.ts';
import { buildAnthropicRequest } from './build-request.ts';

function call(overrides: Partial<ChatCall> = {}): ChatCall {
  return chatCall({ messages: [userText('Hello')], ...overrides });
}

function body(chatCall: ChatCall, where: Target = target()): Record<string, unknown> {
  return JSON.parse(buildAnthropicRequest(chatCall, where).body) as Record<string, unknown>;
}

describe('buildAnthropicRequest', () => {
  it('posts to /v1/messages with the key, version and provider headers', () => {
    const request = buildAnthropicRequest(
      call(),
      target({ headers: { 'anthropic-beta': 'x' }, apiVersion: '2026-10-21' }),
    );
    expect(request.url).toBe('https://api.anthropic.test/v1/messages');
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2026-10-21',
      'anthropic-beta': 'x',
      'x-api-key': 'sk-ant-secret',
    });
  });

  it('defaults the version to 2023-06-01 and sends no key when none is configured', () => {
    const request = buildAnthropicRequest(call(), withoutApiKey(target()));
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers).not.toHaveProperty('x-api-key');
  });

  it('uses the target model and the default max_tokens when the caller gave none', () => {
    expect(body(call())).toEqual({
      model: 'claude-haiku-5-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
    expect(body(call({ maxTokens: 50 })).max_tokens).toBe(50);
  });

  it('hoists every system message into the top-level system', () => {
    const built = body(
      call({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'system', content: [{ type: 'text', text: 'Use French.' }] },
        ],
      }),
    );
    expect(built.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use French.' },
    ]);
    expect(built.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('merges tool results and the following user text into one user turn, results first', () => {
    const built = body(
      call({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool-call', id: 'call.1', name: 'weather', arguments: '{"city":"Paris"}' },
              { type: 'tool-call', id: 'call_2', name: 'time', arguments: 'not json' },
            ],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'call.1',
                content: [{ type: 'text', text: 'sunny' }],
              },
            ],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'call_2', content: [], isError: true }],
          },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
        ],
      }),
    );
    const messages = built.messages as { role: string; content: Record<string, unknown>[] }[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const [first, second] = messages[1]?.content ?? [];
    expect(messages[1]?.content).toHaveLength(2);
    expect(first).toMatchObject({ type: 'tool_use', name: 'weather', input: { city: 'Paris' } });
    expect(first?.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    // Broken argument JSON from another provider is replayed as {}.
    expect(second).toEqual({ type: 'tool_use', id: 'call_2', name: 'time', input: {} });
    expect(messages[2]?.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: first?.id,
        content: [{ type: 'text', text: 'sunny' }],
      },
      { type: 'tool_result', tool_use_id: 'call_2', is_error: true },
      { type: 'text', text: 'Thanks' },
    ]);
  });

  it('converts images, including data URLs, to Anthropic sources', () => {
    const built = body(
      call({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,AAAA' } },
              {
                type: 'image',
                source: { kind: 'url', url: 'https://example.com/a.png' },
                detail: 'low',
              },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/gif', data: 'R0lG' } },
            ],
          },
        ],
      }),
    );
    expect((built.messages as { content: unknown[] }[])[0]?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lG' } },
    ]);
  });

  it('maps tools, tool choice and parallel tool calls', () => {
    const tools = [
      { name: 'f', description: 'F', parameters: { type: 'object' }, strict: true },
    ] as const;
    const required = body(
      call({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false }),
    );
    expect(required.tools).toEqual([
      { name: 'f', description: 'F', input_schema: { type: 'object' } },
    ]);
    expect(required.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(body(call({ tools, toolChoice: { type: 'none' } })).tool_choice).toEqual({
      type: 'none',
    });
    expect(body(call({ tools, toolChoice: { type: 'tool', name: 'f' } })).tool_choice).toEqual({
      type: 'tool',
      name: 'f',
    });
    expect(body(call({ tools, parallelToolCalls: false })).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(body(call({ tools })).tool_choice).toBeUndefined();
    // No tools, no tool_choice: the API rejects one without the other.
    expect(body(call({ toolChoice: { type: 'required' } })).tool_choice).toBeUndefined();
  });

  it('forwards tool strict only for Anthropic callers', () => {
    const tools = [{ name: 'f', parameters: { type: 'object' }, strict: true }] as const;
    expect(body(call({ dialect: 'anthropic', tools })).tools).toEqual([
      { name: 'f', input_schema: { type: 'object' }, strict: true },
    ]);
  });

  it('clamps temperature to 1 and maps stop, top_p, user and stream', () => {
    const built = body(
      call({
        temperature: 1.7,
        topP: 0.5,
        stop: ['END'],
        user: 'u-1',
        stream: true,
        metadata: { a: 'b' },
      }),
    );
    expect(built).toMatchObject({
      temperature: 1,
      top_p: 0.5,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      stream: true,
    });
  });

  it('drops sampling parameters for API versions that removed them', () => {
    const built = body(
      call({ dialect: 'anthropic', temperature: 0.5, topP: 0.5, passthrough: { top_k: 3 } }),
      target({ apiVersion: '2026-10-21' }),
    );
    expect(built).not.toHaveProperty('temperature');
    expect(built).not.toHaveProperty('top_p');
    expect(built).not.toHaveProperty('top_k');
  });

  it('appends a JSON instruction to the system prompt for response formats', () => {
    const jsonObject = body(
      call({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        ],
        responseFormat: { type: 'json_object' },
      }),
    );
    expect((jsonObject.system as { text: string }[])[1]?.text).toMatch(/JSON object/);
    const schema = body(
      call({
        responseFormat: {
          type: 'json_schema',
          name: 's',
          schema: { type: 'object', required: ['a'] },
        },
      }),
    );
    expect(schema.system).toContain('{"type":"object","required":["a"]}');
  });

  it('forwards passthrough only for Anthropic callers, never over modelled fields', () => {
    const passthrough = { top_k: 4, thinking: { type: 'adaptive' } };
    expect(body(call({ passthrough }))).not.toHaveProperty('thinking');
    const same = body(
      call({ dialect: 'anthropic', passthrough: { ...passthrough, model: 'evil' } }),
    );
    expect(same).toMatchObject({
      top_k: 4,
      thinking: { type: 'adaptive' },
      model: 'claude-haiku-5-5',
    });
  });
});
