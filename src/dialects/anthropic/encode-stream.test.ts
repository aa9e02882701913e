import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Anthropic, APIError } from '@anthropic-ai/sdk';
import type { ChatStreamPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import { startFakeAnthropicUpstream } from '../../../test/support/fake-anthropic-upstream.ts';
import type { FakeUpstream } from '../../../test/support/fake-upstream-types.ts';
import { AnthropicStreamEncoder } from './encode-stream.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';

const call = chatCall({
  dialect: 'anthropic',
  model: 'my-alias',
  stream: true,
  includeUsage: true,
});

const parts: readonly ChatStreamPart[] = [
  {
    type: 'start',
    id: 'msg_1',
    model: 'claude-haiku-5-5',
    usage: { inputTokens: 9, outputTokens: 1 },
  },
  { type: 'text-delta', text: 'Checking ' },
  { type: 'text-delta', text: 'now.' },
  { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'weather' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-start', index: 1, id: 'call.2', name: 'time' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
  {
    type: 'finish',
    finishReason: 'tool-calls',
    usage: { inputTokens: 9, outputTokens: 20 },
  },
];

function encodeAll(sequence: readonly ChatStreamPart[]): string {
  const encoder = new AnthropicStreamEncoder(call);
  return sequence.map((part) => encoder.encode(part)).join('');
}

interface WireEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

function events(text: string): WireEvent[] {
  return text
    .split('\n\n')
    .filter((chunk) => chunk !== '')
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split('\n');
      return {
        event: (eventLine ?? '').slice('event: '.length),
        data: JSON.parse((dataLine ?? '').slice('data: '.length)) as Record<string, unknown>,
      };
    });
}

let upstream: FakeUpstream;
let client: Anthropic;

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream();
  client = new Anthropic({ apiKey: 'test', baseURL: upstream.baseUrl, maxRetries: 0 });
});

afterAll(async () => {
  await upstream.close();
});

const request = {
  model: 'claude-haiku-5-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('AnthropicStreamEncoder', () => {
  it('emits the full Messages event sequence with named events', () => {
    const wire = events(encodeAll(parts));
    expect(wire.map((event) => event.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of wire) expect(event.data.type).toBe(event.event);
  });

  it('starts with an empty message carrying the input tokens', () => {
    const [start] = events(encodeAll(parts));
    expect(start?.data).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-5-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 9,
          output_tokens: 1,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    });
  });

  it('indexes blocks in order and sanitizes tool ids', () => {
    const wire = events(encodeAll(parts));
    const starts = wire.filter((event) => event.event === 'content_block_start');
    expect(starts.map((event) => event.data.index)).toEqual([0, 1, 2]);
    expect(starts[1]?.data.content_block).toEqual({
      type: 'tool_use',
      id: 'toolu_1',
      name: 'weather',
      input: {},
    });
    const secondId = (starts[2]?.data.content_block as { id: string }).id;
    expect(secondId).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it('ends with message_delta carrying the stop reason and cumulative usage', () => {
    const wire = events(encodeAll(parts));
    expect(wire.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        input_tokens: 9,
        output_tokens: 20,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it('produces nothing for empty deltas, unknown tool indexes and parts after finish', () => {
    const encoder = new AnthropicStreamEncoder(call);
    encoder.encode({ type: 'start', id: 'm', model: 'x' });
    expect(encoder.encode({ type: 'text-delta', text: '' })).toBe('');
    expect(encoder.encode({ type: 'tool-call-delta', index: 3, argumentsDelta: '{}' })).toBe('');
    encoder.encode({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
  });

  it('writes a valid stream even when a provider skips start', () => {
    const encoder = new AnthropicStreamEncoder(call);
    const wire = events(encoder.encode({ type: 'text-delta', text: 'hi' }));
    expect(wire.map((event) => event.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
    ]);
    expect((wire[0]?.data.message as { model: string }).model).toBe('my-alias');
  });

  it('fails with an error event and no message_stop', () => {
    const encoder = new AnthropicStreamEncoder(call);
    encoder.encode({ type: 'start', id: 'm', model: 'x' });
    const text = encoder.fail(new GatewayError('upstream_overloaded', 'The model is overloaded.'));
    expect(text).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"The model is overloaded.","code":"upstream_overloaded"}}\n\n',
    );
    expect(
      encoder.encode({
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 0, outputTokens: 0 },
      }),
    ).toBe('');
  });
});

describe('AnthropicStreamEncoder with the official SDK', () => {
  it('is accumulated by messages.stream into the intended final message', async () => {
    upstream.enqueue({ kind: 'raw-sse', chunks: [encodeAll(parts)] });
    const message = await client.messages.stream(request).finalMessage();
    expect(message.id).toBe('msg_1');
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.input_tokens).toBe(9);
    expect(message.usage.output_tokens).toBe(20);
    expect(message.content).toHaveLength(3);
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Checking now.' });
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'weather',
      input: { city: 'Paris' },
    });
    expect(message.content[2]).toMatchObject({ type: 'tool_use', name: 'time', input: {} });
  });

  it('makes the SDK raise a typed APIError on fail', async () => {
    const encoder = new AnthropicStreamEncoder(call);
    const text =
      encoder.encode(parts[0] ?? { type: 'start', id: 'm', model: 'x' }) +
      encoder.encode({ type: 'text-delta', text: 'partial' }) +
      encoder.fail(new GatewayError('upstream_overloaded', 'The model is overloaded.'));
    upstream.enqueue({ kind: 'raw-sse', chunks: [text] });
    const error = await client.messages
      .stream(request)
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).type).toBe('overloaded_error');
    expect((error as APIError).apiMessage).toBe('The model is overloaded.');
  });
});
