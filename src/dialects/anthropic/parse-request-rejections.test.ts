import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import type { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { parseAnthropicRequest } from './parse-request.ts';
import { thrownGatewayError } from '../../../test/support/thrown-gateway-error.ts';

const base = {
  model: 'claude-haiku-5-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Hello' }],
};

function rejection(body: unknown, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): GatewayError {
  return thrownGatewayError(() => parseAnthropicRequest(body, limits));
}

function expectRejected(
  body: unknown,
  code: ErrorCode,
  param: string | undefined,
  limits?: RequestLimits,
): void {
  const error = rejection(body, limits);
  expect(error.code).toBe(code);
  expect(error.param).toBe(param);
}

describe('parseAnthropicRequest rejections', () => {
  it('rejects a body that is not an object', () => {
    expectRejected([1], 'invalid_request', undefined);
  });

  it('requires model and max_tokens', () => {
    expectRejected({ ...base, model: undefined }, 'invalid_request', 'model');
    expectRejected({ ...base, model: '' }, 'invalid_request', 'model');
    expectRejected({ ...base, model: 'x'.repeat(257) }, 'invalid_request', 'model');
    expectRejected({ ...base, max_tokens: undefined }, 'invalid_request', 'max_tokens');
    expectRejected({ ...base, max_tokens: 1.5 }, 'invalid_request', 'max_tokens');
    expectRejected({ ...base, max_tokens: -1 }, 'invalid_request', 'max_tokens');
  });

  it('rejects empty and oversized message lists', () => {
    expectRejected({ ...base, messages: [] }, 'invalid_request', 'messages');
    expectRejected({ ...base, messages: 'hi' }, 'invalid_request', 'messages');
    const limits = { ...DEFAULT_REQUEST_LIMITS, maxMessages: 2 };
    const messages = [1, 2, 3].map(() => ({ role: 'user', content: 'x' }));
    expectRejected({ ...base, messages }, 'too_many_messages', 'messages', limits);
  });

  it('rejects roles other than user, assistant and system', () => {
    const messages = [
      { role: 'user', content: 'a' },
      { role: 'tool', content: 'b' },
    ];
    expectRejected({ ...base, messages }, 'invalid_request', 'messages.1.role');
  });

  it('names the exact block at fault', () => {
    const messages = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'ok' },
          { type: 'text', text: 7 },
        ],
      },
    ];
    const error = rejection({ ...base, messages });
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('messages.2.content.1.text');
    expect(error.message).toBe('messages.2.content.1.text: must be a string.');
  });

  it('rejects unsupported blocks with a clear message and no echo of the value', () => {
    const messages = [
      {
        role: 'user',
        content: [{ type: 'document', source: { type: 'text', data: 'secret prompt' } }],
      },
    ];
    const error = rejection({ ...base, messages });
    expect(error.param).toBe('messages.0.content.0.type');
    expect(error.message).not.toContain('secret prompt');
    expect(error.message).not.toContain('document');
  });

  it('rejects tool_use in user turns and images in assistant turns', () => {
    expectRejected(
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'f', input: {} }] },
        ],
      },
      'invalid_request',
      'messages.0.content.0.type',
    );
    expectRejected(
      {
        ...base,
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: [{ type: 'image', source: { type: 'url', url: 'u' } }] },
        ],
      },
      'invalid_request',
      'messages.1.content.0.type',
    );
  });

  it('rejects file image sources and non-object tool inputs', () => {
    expectRejected(
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] },
        ],
      },
      'invalid_request',
      'messages.0.content.0.source.type',
    );
    expectRejected(
      {
        ...base,
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'f', input: [] }] },
        ],
      },
      'invalid_request',
      'messages.1.content.0.input',
    );
  });

  it('rejects server tools, bad names and non-object schemas', () => {
    expectRejected(
      { ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      'invalid_tool_schema',
      'tools.0.type',
    );
    expectRejected(
      { ...base, tools: [{ name: 'bad name', input_schema: { type: 'object' } }] },
      'invalid_tool_schema',
      'tools.0.name',
    );
    expectRejected(
      { ...base, tools: [{ name: 'f', input_schema: { type: 'string' } }] },
      'invalid_tool_schema',
      'tools.0.input_schema',
    );
    expectRejected(
      { ...base, tools: [{ name: 'f' }] },
      'invalid_tool_schema',
      'tools.0.input_schema',
    );
    expectRejected(
      {
        ...base,
        tools: [
          { name: 'f', input_schema: { type: 'object' } },
          { name: 'f', input_schema: { type: 'object' } },
        ],
      },
      'invalid_tool_schema',
      'tools.1.name',
    );
  });

  it('enforces the tool, stop sequence, part and string limits', () => {
    const limits: RequestLimits = {
      maxMessages: 10,
      maxTools: 1,
      maxStringLength: 5,
      maxPartsPerMessage: 2,
      maxStopSequences: 1,
    };
    const tool = { name: 'f', input_schema: { type: 'object' } };
    const short = { ...base, messages: [{ role: 'user', content: 'hi' }] };
    expectRejected(
      { ...short, tools: [tool, { ...tool, name: 'g' }] },
      'too_many_messages',
      'tools',
      limits,
    );
    expectRejected(
      { ...short, stop_sequences: ['a', 'b'] },
      'invalid_request',
      'stop_sequences',
      limits,
    );
    expectRejected(
      { ...short, messages: [{ role: 'user', content: 'toolong' }] },
      'invalid_request',
      'messages.0.content',
      limits,
    );
    const text = { type: 'text', text: 'a' };
    expectRejected(
      { ...short, messages: [{ role: 'user', content: [text, text, text] }] },
      'invalid_request',
      'messages.0.content',
      limits,
    );
  });

  it('rejects out-of-range sampling values and bad tool_choice', () => {
    expectRejected({ ...base, temperature: 1.5 }, 'invalid_request', 'temperature');
    expectRejected({ ...base, top_p: -0.1 }, 'invalid_request', 'top_p');
    expectRejected(
      { ...base, tool_choice: { type: 'required' } },
      'invalid_request',
      'tool_choice.type',
    );
    expectRejected({ ...base, stream: 'yes' }, 'invalid_request', 'stream');
  });

  it('rejects metadata keys other than user_id', () => {
    expectRejected({ ...base, metadata: { session: 'x' } }, 'invalid_request', 'metadata');
  });
});
