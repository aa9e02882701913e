import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ChatResult, TextPart, ToolCallPart, Usage } from '../../chat/types.ts';
import { encodeOpenAiResponse } from '../../dialects/openai/encode-response.ts';
import { openAiAdapter } from './adapter.ts';
import { chatCall } from '../../../test/support/canonical-fixtures.ts';
import { finishReasonArbitrary, usageArbitrary } from '../../../test/support/chat-arbitraries.ts';

const call = chatCall({ dialect: 'anthropic' });

const text = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', '\n', '"', '\\', 'é', '中', '😀', '\u2028'),
});

const part: fc.Arbitrary<TextPart | ToolCallPart> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text }),
  fc.record({
    type: fc.constant('tool-call' as const),
    id: fc.string({ minLength: 1, maxLength: 40 }),
    name: fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/),
    arguments: text,
  }),
);

const result: fc.Arbitrary<ChatResult> = fc.record({
  id: fc.string({ maxLength: 40 }),
  model: fc.string({ maxLength: 40 }),
  content: fc.array(part, { maxLength: 6 }),
  finishReason: finishReasonArbitrary,
  usage: usageArbitrary,
});

/** What survives OpenAI's format: text joined before tool calls, its finish reasons, its usage fields. */
function representable(value: ChatResult): ChatResult {
  const joined = value.content
    .flatMap((item) => (item.type === 'text' ? [item.text] : []))
    .join('');
  const calls = value.content.filter((item) => item.type === 'tool-call');
  const finishReason =
    value.finishReason === 'stop-sequence' || value.finishReason === 'other'
      ? 'stop'
      : value.finishReason;
  const expectedUsage: { -readonly [K in keyof Usage]: Usage[K] } = {
    inputTokens: value.usage.inputTokens,
    outputTokens: value.usage.outputTokens,
  };
  const { cacheReadTokens = 0, cacheWriteTokens = 0 } = value.usage;
  if (cacheReadTokens > 0) expectedUsage.cacheReadTokens = cacheReadTokens;
  if (cacheWriteTokens > 0) expectedUsage.cacheWriteTokens = cacheWriteTokens;
  return {
    id: value.id,
    model: value.model === '' ? call.model : value.model,
    content: [...(joined === '' ? [] : [{ type: 'text' as const, text: joined }]), ...calls],
    finishReason,
    usage: expectedUsage,
  };
}

describe('OpenAI response round trip', () => {
  it('parseResponse(encodeOpenAiResponse(result)) gives back every representable field', () => {
    fc.assert(
      fc.property(result, (value) => {
        const wire = JSON.parse(JSON.stringify(encodeOpenAiResponse(value, call))) as unknown;
        expect(openAiAdapter.parseResponse(wire)).toEqual(representable(value));
      }),
      { numRuns: 200 },
    );
  });
});
