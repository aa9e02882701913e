import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import { parseAnthropicRequest } from './parse-request.ts';
import {
  CACHED_CANONICAL,
  CACHED_WIRE_REQUEST,
} from '../../../test/support/cache-control-fixtures.ts';
import { thrownGatewayError } from '../../../test/support/thrown-gateway-error.ts';

function parse(body: Record<string, unknown>) {
  return parseAnthropicRequest(
    { model: 'claude-haiku-5-5', max_tokens: 64, ...body },
    DEFAULT_REQUEST_LIMITS,
  );
}

function rejectionParam(cacheControl: unknown): string | undefined {
  const error = thrownGatewayError(() =>
    parse({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: cacheControl }] },
      ],
    }),
  );
  expect(error.code).toBe('invalid_request');
  return error.param;
}

describe('parseAnthropicRequest with cache_control', () => {
  it('keeps the breakpoints of system, text, image, tool_use and tool_result blocks and tools', () => {
    const call = parse({ ...CACHED_WIRE_REQUEST });
    expect(call.tools).toEqual(CACHED_CANONICAL.tools);
    expect(call.messages).toEqual(CACHED_CANONICAL.messages);
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
