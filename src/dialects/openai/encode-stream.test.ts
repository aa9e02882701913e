import { describe, it, expect } from 'vitest';
import type { ChatCall, ChatStreamPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import { OpenAiStreamEncoder } from './encode-stream.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';

function callWith(includeUsage: boolean): ChatCall {
  return chatCall({ model: 'fast', stream: true, includeUsage });
}

const parts: readonly ChatStreamPart[] = [
  { type: 'start', id: 'chatcmpl-9', model: 'gpt-4o' },
  { type: 'text-delta', text: 'Hi "you"\n' },
  { type: 'tool-call-start', index: 0, id: 'call_1', name: 'lookup' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
  {
    type: 'finish',
    finishReason: 'tool-calls',
    usage: { inputTokens: 5, outputTokens: 7, cacheReadTokens: 2 },
  },
];

/** The JSON payloads of the `data:` lines, `[DONE]` as a string. */
function payloads(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : (JSON.parse(data) as unknown);
    });
}

describe('OpenAiStreamEncoder', () => {
  it('emits the real chunk sequence with a usage chunk when include_usage is set', () => {
    const encoder = new OpenAiStreamEncoder(callWith(true));
    const text = parts.map((part) => encoder.encode(part)).join('');
    const envelope = {
      id: 'chatcmpl-9',
      object: 'chat.completion.chunk',
      created: expect.any(Number) as unknown,
      model: 'gpt-4o',
    };
    const choice = (delta: unknown, finish: string | null = null) => ({
      ...envelope,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      usage: null,
    });
    expect(payloads(text)).toEqual([
      choice({ role: 'assistant', content: '', refusal: null }),
      choice({ content: 'Hi "you"\n' }),
      choice({
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } },
        ],
      }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      choice({}, 'tool_calls'),
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 7,
          total_tokens: 12,
          prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      },
      '[DONE]',
    ]);
  });

  it('omits usage entirely when include_usage is not set', () => {
    const encoder = new OpenAiStreamEncoder(callWith(false));
    const events = payloads(parts.map((part) => encoder.encode(part)).join(''));
    expect(events).toHaveLength(7);
    for (const event of events.slice(0, -1)) expect(event).not.toHaveProperty('usage');
    expect(events.at(-2)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] });
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('keeps the same id and created on every chunk', () => {
    const encoder = new OpenAiStreamEncoder(callWith(true));
    const events = payloads(parts.map((part) => encoder.encode(part)).join('')).slice(0, -1) as {
      id: string;
      created: number;
    }[];
    expect(new Set(events.map((event) => `${event.id}/${event.created}`)).size).toBe(1);
  });

  it('fails with an explicit error event and never [DONE]', () => {
    const encoder = new OpenAiStreamEncoder(callWith(true));
    encoder.encode(parts[0] as ChatStreamPart);
    const failure = encoder.fail(
      new GatewayError('upstream_truncated', 'The upstream response ended early.'),
    );
    expect(payloads(failure)).toEqual([
      {
        error: {
          message: 'The upstream response ended early.',
          type: 'server_error',
          param: null,
          code: 'upstream_truncated',
        },
      },
    ]);
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
    expect(encoder.fail(new GatewayError('internal_error', 'again'))).toBe('');
  });

  it('emits nothing after the stream finished', () => {
    const encoder = new OpenAiStreamEncoder(callWith(false));
    for (const part of parts) encoder.encode(part);
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
    expect(encoder.fail(new GatewayError('internal_error', 'late'))).toBe('');
  });

  it('opens the stream itself when the first part is not start', () => {
    const encoder = new OpenAiStreamEncoder(callWith(false));
    const events = payloads(encoder.encode({ type: 'text-delta', text: 'x' }));
    expect(events).toMatchObject([
      { model: 'fast', choices: [{ delta: { role: 'assistant', content: '' } }] },
      { model: 'fast', choices: [{ delta: { content: 'x' } }] },
    ]);
    expect((events[0] as { id: string }).id).toMatch(/^chatcmpl-/);
  });
});
