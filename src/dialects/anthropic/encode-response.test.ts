import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../chat/types.ts';
import { encodeAnthropicResponse } from './encode-response.ts';
import { chatCall, chatResult } from '../../../test/support/canonical-fixtures.ts';

const call = chatCall({ dialect: 'anthropic', model: 'my-alias', includeUsage: true });

describe('encodeAnthropicResponse', () => {
  it('encodes a Message object exactly as the API returns one', () => {
    const result: ChatResult = {
      id: 'msg_1',
      model: 'claude-haiku-5-5',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 3 },
    };
    expect(encodeAnthropicResponse(result, call)).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-5-5',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        // Anthropic counts only the uncached prompt as input: 10 in all, 3 of them read.
        input_tokens: 7,
        output_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 3,
      },
    });
  });

  it('subtracts cache reads and writes from the input tokens, never below zero', () => {
    const usage = (inputTokens: number) =>
      encodeAnthropicResponse(
        chatResult({
          usage: { inputTokens, outputTokens: 2, cacheReadTokens: 1000, cacheWriteTokens: 20 },
        }),
        call,
      ).usage;
    expect(usage(1025)).toEqual({
      input_tokens: 5,
      output_tokens: 2,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 1000,
    });
    expect(usage(10)).toMatchObject({ input_tokens: 0 });
  });

  it('maps every finish reason to a stop_reason', () => {
    const encode = (finishReason: ChatResult['finishReason']) =>
      encodeAnthropicResponse(
        chatResult({
          finishReason,
          usage: { inputTokens: 0, outputTokens: 0 },
        }),
        call,
      ).stop_reason;
    expect(encode('stop')).toBe('end_turn');
    expect(encode('length')).toBe('max_tokens');
    expect(encode('stop-sequence')).toBe('stop_sequence');
    expect(encode('tool-calls')).toBe('tool_use');
    expect(encode('content-filter')).toBe('refusal');
    expect(encode('other')).toBe('end_turn');
  });

  it('reports the stop sequence that ended generation', () => {
    const body = encodeAnthropicResponse(
      chatResult({
        content: [{ type: 'text', text: 'a' }],
        finishReason: 'stop-sequence',
        stopSequence: 'END',
      }),
      call,
    );
    expect(body.stop_sequence).toBe('END');
  });

  it('sanitizes foreign tool ids, wraps broken arguments and never throws', () => {
    const body = encodeAnthropicResponse(
      chatResult({
        id: 'chatcmpl-1',
        model: '',
        content: [{ type: 'tool-call', id: 'call.1', name: 'f', arguments: '{"a":' }],
        finishReason: 'tool-calls',
      }),
      call,
    );
    const block = (body.content as Record<string, unknown>[])[0];
    expect(block?.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(block?.input).toEqual({ _raw: '{"a":' });
    // No model named by the provider: the requested alias is reported.
    expect(body.model).toBe('my-alias');
  });
});
