/**
 * Property tests: answers encoded for Anthropic callers by the dialect are
 * read back unchanged by the Anthropic provider adapter, whole and streamed,
 * whatever the byte boundaries of the stream.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatResult, ChatStreamPart, Usage } from '../../chat/types.ts';
import { encodeAnthropicResponse } from '../../dialects/anthropic/encode-response.ts';
import { AnthropicStreamEncoder } from '../../dialects/anthropic/encode-stream.ts';
import { parseSse } from '../../http/sse/parse-sse.ts';
import { rechunk } from '../../../test/support/async-chunks.ts';
import { usageArbitrary } from '../../../test/support/chat-arbitraries.ts';
import { anthropicAdapter } from './anthropic-adapter.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';

const call = chatCall({ dialect: 'anthropic', stream: true, includeUsage: true });

/** Multi-byte text: CJK, emoji (astral, ZWJ sequences), escapes, and any code point. */
const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', ' ', 'é', '中', '文', '😀', '👩‍👩‍👧', '\n', '"', '\\', '\u2028'),
    minLength: 1,
    maxLength: 12,
  }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);
const toolId = fc.stringMatching(/^[a-zA-Z0-9_-]{1,24}$/);
const toolName = fc.stringMatching(/^[a-zA-Z0-9_-]{1,40}$/);
const jsonArguments = fc
  .dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((value) => JSON.stringify(value));
const finishReason = fc.constantFrom(
  'stop' as const,
  'length' as const,
  'tool-calls' as const,
  'stop-sequence' as const,
  'content-filter' as const,
);
const usage = usageArbitrary;

/** The API always reports cache counts, as 0 when nothing was cached. */
function withCacheCounts(value: Usage | undefined): Usage {
  return {
    inputTokens: value?.inputTokens ?? 0,
    outputTokens: value?.outputTokens ?? 0,
    cacheReadTokens: value?.cacheReadTokens ?? 0,
    cacheWriteTokens: value?.cacheWriteTokens ?? 0,
  };
}

const result: fc.Arbitrary<ChatResult> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 20 }),
    model: fc.string({ minLength: 1, maxLength: 30 }),
    content: fc.array(
      fc.oneof(
        text.map((value) => ({ type: 'text' as const, text: value })),
        fc.record({
          type: fc.constant('tool-call' as const),
          id: toolId,
          name: toolName,
          arguments: jsonArguments,
        }),
      ),
      { maxLength: 5 },
    ),
    finishReason,
    stopSequence: fc.string({ minLength: 1, maxLength: 10 }),
    usage,
  },
  { requiredKeys: ['id', 'model', 'content', 'finishReason', 'usage'] },
);

type Operation =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tool-start'; readonly id: string; readonly name: string }
  | { readonly kind: 'tool-delta'; readonly pick: number; readonly text: string };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  text.map((value) => ({ kind: 'text' as const, text: value })),
  fc.record({ kind: fc.constant('tool-start' as const), id: toolId, name: toolName }),
  fc.record({ kind: fc.constant('tool-delta' as const), pick: fc.nat(), text }),
);

const streamScript = fc.record({
  start: fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 20 }),
      model: fc.string({ minLength: 1, maxLength: 20 }),
      usage,
    },
    { requiredKeys: ['id', 'model'] },
  ),
  operations: fc.array(operation, { maxLength: 12 }),
  finish: fc.record(
    { finishReason, stopSequence: fc.string({ minLength: 1, maxLength: 10 }), usage },
    { requiredKeys: ['finishReason', 'usage'] },
  ),
  cuts: fc.array(fc.nat(), { maxLength: 40 }),
});

type Script = typeof streamScript extends fc.Arbitrary<infer T> ? T : never;

/** The parts a provider would yield for a script, and what the adapter must read back. */
function partsOf(script: Script): { sent: ChatStreamPart[]; expected: ChatStreamPart[] } {
  const sent: ChatStreamPart[] = [{ type: 'start', ...script.start }];
  const expected: ChatStreamPart[] = [
    {
      type: 'start',
      id: script.start.id,
      model: script.start.model,
      usage: withCacheCounts(script.start.usage),
    },
  ];
  let tools = 0;
  for (const step of script.operations) {
    let part: ChatStreamPart;
    if (step.kind === 'text') part = { type: 'text-delta', text: step.text };
    else if (step.kind === 'tool-start')
      part = { type: 'tool-call-start', index: tools++, id: step.id, name: step.name };
    else if (tools > 0)
      part = { type: 'tool-call-delta', index: step.pick % tools, argumentsDelta: step.text };
    else continue;
    sent.push(part);
    expected.push(part);
  }
  sent.push({ type: 'finish', ...script.finish });
  expected.push({ type: 'finish', ...script.finish, usage: withCacheCounts(script.finish.usage) });
  return { sent, expected };
}

describe('Anthropic answers round-trip through encoder and adapter', () => {
  it('parseResponse reads back what encodeAnthropicResponse wrote', () => {
    fc.assert(
      fc.property(result, (original) => {
        const wire: unknown = JSON.parse(JSON.stringify(encodeAnthropicResponse(original, call)));
        expect(anthropicAdapter.parseResponse(wire)).toEqual({
          ...original,
          usage: withCacheCounts(original.usage),
        });
      }),
    );
  });

  it('parseStream reads back the encoded parts whatever the byte boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(streamScript, async (script) => {
        const { sent, expected } = partsOf(script);
        const encoder = new AnthropicStreamEncoder(call);
        const bytes = new TextEncoder().encode(sent.map((part) => encoder.encode(part)).join(''));
        const received: ChatStreamPart[] = [];
        for await (const part of anthropicAdapter.parseStream(
          parseSse(rechunk(bytes, script.cuts)),
        )) {
          received.push(part);
        }
        expect(received).toEqual(expected);
      }),
    );
  });
});
