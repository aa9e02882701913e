import { describe, it, expect } from 'vitest';
import type { ChatStreamPart } from '../../chat/types.ts';
import { parseSse } from '../../http/sse/parse-sse.ts';
import type { SseEvent } from '../types.ts';
import { parseOpenAiStream } from './parse-stream.ts';
import { oneByOne } from '../../../test/support/async-chunks.ts';
import { rejectedGatewayError as failure } from '../../../test/support/thrown-gateway-error.ts';

async function collect(events: readonly SseEvent[]): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of parseOpenAiStream(oneByOne(events))) parts.push(part);
  return parts;
}

async function collectText(text: string): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of parseOpenAiStream(parseSse(oneByOne([text])))) parts.push(part);
  return parts;
}

const head = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o"';
const chunk = (delta: string, finish = 'null'): SseEvent => ({
  data: `${head},"choices":[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}],"usage":null}`,
});
const usageChunk: SseEvent = {
  data: `${head},"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":8}}}`,
};
const done: SseEvent = { data: '[DONE]' };

describe('parseOpenAiStream', () => {
  it('turns a real chunk sequence into canonical parts', async () => {
    const parts = await collect([
      chunk('{"role":"assistant","content":"","refusal":null}'),
      chunk('{"content":"Hel"}'),
      chunk('{"content":"lo"}'),
      chunk(
        '{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":""}}]}',
      ),
      chunk('{"tool_calls":[{"index":0,"function":{"arguments":"{\\"x\\":"}}]}'),
      chunk(
        '{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"g","arguments":"{}"}}]}',
      ),
      chunk('{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}'),
      chunk('{}', '"tool_calls"'),
      usageChunk,
      done,
    ]);
    expect(parts).toEqual([
      { type: 'start', id: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'f' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'g' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 9, outputTokens: 3, cacheReadTokens: 8 },
      },
    ]);
  });

  it('reports zero usage when a compatible server sends none', async () => {
    const parts = await collect([chunk('{"content":"x"}'), chunk('{}', '"stop"'), done]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
  });

  it('starts a new call when a server reuses index 0 with a new id', async () => {
    const parts = await collect([
      chunk('{"tool_calls":[{"index":0,"id":"a","function":{"name":"f","arguments":"{}"}}]}'),
      chunk('{"tool_calls":[{"index":0,"id":"b","function":{"name":"g","arguments":"{}"}}]}'),
      chunk('{}', '"tool_calls"'),
      done,
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 0, id: 'a', name: 'f' },
      { type: 'tool-call-start', index: 1, id: 'b', name: 'g' },
    ]);
  });

  it('throws upstream_truncated when the events end without [DONE]', async () => {
    const error = await failure(collect([chunk('{"content":"x"}')]));
    expect(error.code).toBe('upstream_truncated');
    expect(error.retryable).toBe(false);
  });

  it('throws upstream_truncated when a finish_reason came but [DONE] never did', async () => {
    const error = await failure(
      collect([chunk('{"content":"x"}'), chunk('{}', '"stop"'), usageChunk]),
    );
    expect(error.code).toBe('upstream_truncated');
  });

  it('throws upstream_truncated when the final [DONE] event is torn off', async () => {
    const text = `data: ${chunk('{"content":"x"}').data}\n\ndata: ${chunk('{}', '"stop"').data}\n\ndata: [DONE]\n`;
    const error = await failure(collectText(text));
    expect(error.code).toBe('upstream_truncated');
    const parts = await collectText(`${text}\n`);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('throws upstream_bad_response for a chunk that is not JSON', async () => {
    const error = await failure(collect([chunk('{"content":"x"}'), { data: '{"choices": [' }]));
    expect(error.code).toBe('upstream_bad_response');
  });

  it('throws upstream_bad_response when [DONE] comes before any chunk', async () => {
    expect((await failure(collect([done]))).code).toBe('upstream_bad_response');
  });

  it.each([
    [
      { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
      'upstream_rate_limited',
    ],
    [
      { message: 'overloaded', type: 'server_error', code: 'server_overloaded' },
      'upstream_overloaded',
    ],
    [{ message: 'boom', type: 'server_error', code: null }, 'upstream_error'],
    [{ message: 'too long', type: 'BadRequestError', code: 400 }, 'upstream_invalid_request'],
  ] as const)('maps an in-stream error event %j to %s', async (body, code) => {
    const error = await failure(
      collect([chunk('{"content":"x"}'), { data: JSON.stringify({ error: body }) }]),
    );
    expect(error.code).toBe(code);
  });

  it('maps an `event: error` event to a GatewayError', async () => {
    const error = await failure(collect([{ event: 'error', data: 'not json' }]));
    expect(error.code).toBe('upstream_error');
  });

  it('stops reading at [DONE]', async () => {
    const parts = await collect([chunk('{"content":"x"}'), done, chunk('{"content":"late"}')]);
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'finish']);
  });
});
