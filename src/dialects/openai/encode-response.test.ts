import { describe, it, expect } from 'vitest';
import { encodeOpenAiResponse } from './encode-response.ts';
import { chatCall, chatResult } from '../../../test/support/canonical-fixtures.ts';

const call = chatCall({ model: 'fast' });

describe('encodeOpenAiResponse', () => {
  it('encodes a text answer as a chat.completion object', () => {
    const encoded = encodeOpenAiResponse(
      chatResult({
        id: 'chatcmpl-1',
        model: 'gpt-4o-2024-08-06',
        content: [
          { type: 'text', text: 'Hello' },
          { type: 'text', text: ' world' },
        ],
        usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 4 },
      }),
      call,
    );
    expect(encoded).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: expect.any(Number) as unknown,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello world', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 2,
        total_tokens: 12,
        prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    });
    expect(Math.abs((encoded.created as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('sends null content beside tool calls and maps the finish reason', () => {
    const encoded = encodeOpenAiResponse(
      chatResult({
        id: 'msg_1',
        model: 'claude',
        content: [{ type: 'tool-call', id: 'toolu_1', name: 'lookup', arguments: '{"q":"x"}' }],
        finishReason: 'tool-calls',
      }),
      call,
    );
    expect(encoded.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'lookup', arguments: '{"q":"x"}' },
            },
          ],
          annotations: [],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it.each([
    ['stop-sequence', 'stop'],
    ['other', 'stop'],
    ['length', 'length'],
    ['content-filter', 'content_filter'],
  ] as const)('maps finish reason %s to %s', (reason, expected) => {
    const encoded = encodeOpenAiResponse(
      chatResult({
        finishReason: reason,
        usage: { inputTokens: 0, outputTokens: 0 },
      }),
      call,
    );
    expect(encoded.choices).toMatchObject([{ finish_reason: expected, message: { content: '' } }]);
  });

  it("falls back to the caller's model when the provider named none", () => {
    const encoded = encodeOpenAiResponse(
      chatResult({
        model: '',
        usage: { inputTokens: 0, outputTokens: 0 },
      }),
      call,
    );
    expect(encoded.model).toBe('fast');
  });
});
