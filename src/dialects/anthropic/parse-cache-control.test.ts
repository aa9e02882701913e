import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import { GatewayError } from '../../errors.ts';
import { parseAnthropicRequest } from './parse-request.ts';

const ephemeral = { type: 'ephemeral' } as const;
const hour = { type: 'ephemeral', ttl: '1h' } as const;

function parse(body: Record<string, unknown>) {
  return parseAnthropicRequest(
    { model: 'claude-haiku-5-5', max_tokens: 64, ...body },
    DEFAULT_REQUEST_LIMITS,
  );
}

function rejectionParam(cacheControl: unknown): string | undefined {
  try {
    parse({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: cacheControl }] },
      ],
    });
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'invalid_request') return error.param;
    throw error;
  }
  throw new Error('expected the cache_control to be rejected');
}

describe('parseAnthropicRequest with cache_control', () => {
  it('keeps the breakpoints of system, text, image, tool_use and tool_result blocks and tools', () => {
    const call = parse({
      system: [{ type: 'text', text: 'Rules.', cache_control: hour }],
      tools: [{ name: 'f', input_schema: { type: 'object' }, cache_control: ephemeral }],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'image',
              source: { type: 'url', url: 'https://x.test/a.png' },
              cache_control: ephemeral,
            },
            { type: 'text', text: 'Look.', cache_control: { type: 'ephemeral', ttl: '5m' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: {}, cache_control: ephemeral },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'done', cache_control: ephemeral }],
              cache_control: hour,
            },
          ],
        },
      ],
    });
    expect(call.tools).toEqual([
      { name: 'f', parameters: { type: 'object' }, cacheControl: ephemeral },
    ]);
    expect(call.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Rules.', cacheControl: hour }] },
      {
        role: 'user',
        content: [
          {
            type: 'image',
            source: { kind: 'url', url: 'https://x.test/a.png' },
            cacheControl: ephemeral,
          },
          { type: 'text', text: 'Look.', cacheControl: { type: 'ephemeral', ttl: '5m' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}', cacheControl: ephemeral },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            content: [{ type: 'text', text: 'done', cacheControl: ephemeral }],
            cacheControl: hour,
          },
        ],
      },
    ]);
  });

  it('treats a null cache_control as absent', () => {
    const call = parse({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: null }] }],
    });
    expect(call.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'hi' }] });
  });

  it.each([
    ['a string', 'ephemeral', 'messages.0.content.0.cache_control'],
    ['another type', { type: 'persistent' }, 'messages.0.content.0.cache_control.type'],
    ['an unknown ttl', { type: 'ephemeral', ttl: '2h' }, 'messages.0.content.0.cache_control.ttl'],
    ['a numeric ttl', { type: 'ephemeral', ttl: 300 }, 'messages.0.content.0.cache_control.ttl'],
    [
      'an extra field',
      { type: 'ephemeral', scope: 'global' },
      'messages.0.content.0.cache_control',
    ],
  ])('rejects %s as cache_control, naming the field', (_name, cacheControl, param) => {
    expect(rejectionParam(cacheControl)).toBe(param);
  });

  it('rejects a malformed cache_control on a tool definition', () => {
    expect(() =>
      parse({
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ name: 'f', input_schema: { type: 'object' }, cache_control: { type: 'x' } }],
      }),
    ).toThrow(expect.objectContaining({ param: 'tools.0.cache_control.type' }) as Error);
  });
});
