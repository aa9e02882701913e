import { describe, expect, it } from 'vitest';
import type { ChatStreamPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { parseSse } from '../../http/sse/parse-sse.ts';
import { parseAnthropicStream } from './parse-stream.ts';
import { oneByOne } from '../../../test/support/async-chunks.ts';
import { rejectedGatewayError } from '../../../test/support/thrown-gateway-error.ts';

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/** A stream as the API documents it: text, thinking, then a tool call. */
const documented = [
  event('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-haiku-5-5',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 25, output_tokens: 1, cache_read_input_tokens: 4 },
    },
  }),
  event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }),
  event('ping', {}),
  event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } }),
  event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 's' } }),
  event('content_block_stop', { index: 0 }),
  event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
  event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Hello' } }),
  event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: ' 世界 😀' } }),
  event('content_block_stop', { index: 1 }),
  event('content_block_start', {
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} },
  }),
  event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '' } }),
  event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' },
  }),
  event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: 'ris"}' },
  }),
  event('content_block_stop', { index: 2 }),
  event('message_delta', {
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 89 },
  }),
  event('message_stop', {}),
];

async function collect(texts: readonly string[]): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of parseAnthropicStream(parseSse(oneByOne(texts)))) parts.push(part);
  return parts;
}

function failure(texts: readonly string[]): Promise<GatewayError> {
  return rejectedGatewayError(collect(texts));
}

async function expectFailure(texts: readonly string[], code: ErrorCode): Promise<void> {
  expect((await failure(texts)).code).toBe(code);
}

describe('parseAnthropicStream', () => {
  it('turns the documented event sequence into canonical parts', async () => {
    expect(await collect(documented)).toEqual([
      {
        type: 'start',
        id: 'msg_1',
        model: 'claude-haiku-5-5',
        usage: { inputTokens: 29, outputTokens: 1, cacheReadTokens: 4 },
      },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' 世界 😀' },
      { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city": "Pa' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'ris"}' },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 29, outputTokens: 89, cacheReadTokens: 4 },
      },
    ]);
  });

  it('takes cumulative counts from message_delta over message_start, cache counts included in input', async () => {
    const parts = await collect([
      event('message_start', {
        message: { id: 'm', model: 'x', usage: { input_tokens: 1, output_tokens: 1 } },
      }),
      event('message_delta', {
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
        usage: { output_tokens: 7, input_tokens: 30, cache_creation_input_tokens: 5 },
      }),
      event('message_stop', {}),
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop-sequence',
      stopSequence: 'END',
      usage: { inputTokens: 35, outputTokens: 7, cacheWriteTokens: 5 },
    });
  });

  it('throws upstream_truncated when the events end without message_stop', async () => {
    await expectFailure(documented.slice(0, -1), 'upstream_truncated');
    await expectFailure([], 'upstream_truncated');
  });

  it('throws upstream_truncated when the final event is torn off', async () => {
    const whole = documented.join('');
    const torn = whole.slice(0, whole.length - 10);
    await expectFailure([torn], 'upstream_truncated');
  });

  it('maps an in-stream error event to a gateway error', async () => {
    const start = documented[0] ?? '';
    const overloaded = `event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`;
    const error = await failure([start, overloaded]);
    expect(error.code).toBe('upstream_overloaded');
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain('Overloaded');
    const beforeStart = `event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"x"}}\n\n`;
    await expectFailure([beforeStart], 'upstream_rate_limited');
  });

  it('throws upstream_bad_response on malformed JSON or events before message_start', async () => {
    await expectFailure(['event: message_start\ndata: {not json\n\n'], 'upstream_bad_response');
    await expectFailure([documented[6] ?? ''], 'upstream_bad_response');
  });

  it('skips events of unknown types', async () => {
    const parts = await collect([
      documented[0] ?? '',
      event('some_future_event', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 2 },
      }),
      event('message_stop', {}),
    ]);
    expect(parts.map((part) => part.type)).toEqual(['start', 'finish']);
  });
});
