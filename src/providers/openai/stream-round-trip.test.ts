import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ChatStreamPart, FinishReason, Usage } from '../../chat/types.ts';
import { OpenAiStreamEncoder } from '../../dialects/openai/encode-stream.ts';
import { parseSse } from '../../http/sse/parse-sse.ts';
import { openAiAdapter } from './adapter.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';
import { oneByOne, rechunk } from '../../../test/support/async-chunks.ts';

const call = chatCall({ stream: true, includeUsage: true });

/** Multi-byte characters, so byte splits land inside them, and characters JSON must escape. */
const text = fc.string({
  unit: fc.constantFrom('a', ' ', '\n', '\r', '"', '\\', 'é', '中', '文', '😀', '🧪', '\u2028'),
  minLength: 1,
  maxLength: 12,
});

type Step =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tool'; readonly id: string; readonly name: string }
  | { readonly kind: 'args'; readonly pick: number; readonly text: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text }),
  fc.record({
    kind: fc.constant('tool' as const),
    id: fc.string({ minLength: 1, maxLength: 12 }),
    name: fc.stringMatching(/^[a-zA-Z0-9_-]{1,16}$/),
  }),
  fc.record({ kind: fc.constant('args' as const), pick: fc.nat(), text }),
);

const usage: fc.Arbitrary<Usage> = fc.record({
  inputTokens: fc.nat({ max: 100_000 }),
  outputTokens: fc.nat({ max: 100_000 }),
});

/** A well-formed stream: start, deltas (argument deltas only for started calls), finish. */
const stream: fc.Arbitrary<ChatStreamPart[]> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    model: text,
    steps: fc.array(step, { maxLength: 12 }),
    finishReason: fc.constantFrom<FinishReason>('stop', 'length', 'tool-calls', 'content-filter'),
    usage,
  })
  .map(({ id, model, steps, finishReason, usage: counts }) => {
    const parts: ChatStreamPart[] = [{ type: 'start', id, model }];
    let calls = 0;
    for (const item of steps) {
      if (item.kind === 'text') parts.push({ type: 'text-delta', text: item.text });
      else if (item.kind === 'tool') {
        parts.push({ type: 'tool-call-start', index: calls++, id: item.id, name: item.name });
      } else if (calls > 0) {
        parts.push({
          type: 'tool-call-delta',
          index: item.pick % calls,
          argumentsDelta: item.text,
        });
      }
    }
    parts.push({ type: 'finish', finishReason, usage: counts });
    return parts;
  });

async function decode(chunks: AsyncIterable<Uint8Array>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of openAiAdapter.parseStream(parseSse(chunks))) parts.push(part);
  return parts;
}

describe('OpenAI stream round trip', () => {
  it('re-chunked encoder output parses back into the same parts', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.array(fc.nat(), { maxLength: 20 }), async (parts, offsets) => {
        const encoder = new OpenAiStreamEncoder(call);
        const bytes = new TextEncoder().encode(parts.map((part) => encoder.encode(part)).join(''));
        expect(await decode(rechunk(bytes, offsets))).toEqual(parts);
      }),
      { numRuns: 150 },
    );
  });

  it('a stream cut at any byte before its end is truncated, never a finished answer', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.nat(), async (parts, offset) => {
        const encoder = new OpenAiStreamEncoder(call);
        const bytes = new TextEncoder().encode(parts.map((part) => encoder.encode(part)).join(''));
        // Dropping only the final blank line still tears the [DONE] event off.
        const cut = offset % (bytes.length - 1);
        await expect(decode(oneByOne([bytes.subarray(0, cut)]))).rejects.toMatchObject({
          code: 'upstream_truncated',
        });
      }),
      { numRuns: 100 },
    );
  });
});
