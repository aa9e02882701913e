import { describe, it, expect } from 'vitest';
import { parseOpenAiResponse } from './parse-response.ts';

/** A response as the real API returns it (API reference, "The chat completion object"). */
const completion = {
  id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
  object: 'chat.completion',
  created: 1741570283,
  model: 'gpt-4o-2024-08-06',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'The image shows a wooden boardwalk.',
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 1117,
    completion_tokens: 46,
    total_tokens: 1163,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_fc9f1d7035',
};

describe('parseOpenAiResponse', () => {
  it('parses a text completion with cached-token usage', () => {
    expect(parseOpenAiResponse(completion)).toEqual({
      id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      model: 'gpt-4o-2024-08-06',
      content: [{ type: 'text', text: 'The image shows a wooden boardwalk.' }],
      finishReason: 'stop',
      usage: { inputTokens: 1117, outputTokens: 46, cacheReadTokens: 1024 },
    });
  });

  it('parses tool calls with null content', () => {
    const result = parseOpenAiResponse({
      ...completion,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"c":"P"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"c":"P"}' },
    ]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('uses a refusal as the text when there is no content', () => {
    const result = parseOpenAiResponse({
      ...completion,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: 'No.' },
          finish_reason: 'stop',
        },
      ],
    });
    expect(result.content).toEqual([{ type: 'text', text: 'No.' }]);
  });

  it('counts missing usage as zero', () => {
    expect(parseOpenAiResponse({ ...completion, usage: undefined }).usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
    });
  });

  it.each([
    ['a non-object', 'nope'],
    ['no choices', { ...completion, choices: [] }],
    ['no message', { ...completion, choices: [{ index: 0 }] }],
    ['non-string content', { ...completion, choices: [{ index: 0, message: { content: 5 } }] }],
    [
      'a tool call without a name',
      {
        ...completion,
        choices: [{ index: 0, message: { tool_calls: [{ id: 'c', function: {} }] } }],
      },
    ],
  ])('rejects %s as upstream_bad_response', (_name, body) => {
    expect(() => parseOpenAiResponse(body)).toThrow(
      expect.objectContaining({ name: 'GatewayError', code: 'upstream_bad_response' }),
    );
  });
});
