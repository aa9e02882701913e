/**
 * fast-check arbitraries shared by the wire-format property tests
 * (`src/dialects/**`, `src/providers/**`): canonical values that every
 * encoder must carry and every adapter must read back.
 */
import fc from 'fast-check';
import type { FinishReason, Usage } from '../../src/chat/types.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const count = fc.nat({ max: 1_000_000 });

/**
 * Canonical usage as providers report it: the cache counts, when present, are
 * parts of `inputTokens` (see `Usage`), so `inputTokens` is at least their sum.
 */
export const usageArbitrary: fc.Arbitrary<Usage> = fc
  .record({
    uncached: count,
    outputTokens: count,
    cacheReadTokens: fc.option(count, { nil: undefined }),
    cacheWriteTokens: fc.option(count, { nil: undefined }),
  })
  .map(({ uncached, outputTokens, cacheReadTokens, cacheWriteTokens }) => {
    const usage: Writable<Usage> = {
      inputTokens: uncached + (cacheReadTokens ?? 0) + (cacheWriteTokens ?? 0),
      outputTokens,
    };
    if (cacheReadTokens !== undefined) usage.cacheReadTokens = cacheReadTokens;
    if (cacheWriteTokens !== undefined) usage.cacheWriteTokens = cacheWriteTokens;
    return usage;
  });

/** Every canonical finish reason. */
export const finishReasonArbitrary: fc.Arbitrary<FinishReason> = fc.constantFrom<FinishReason>(
  'stop',
  'length',
  'tool-calls',
  'stop-sequence',
  'content-filter',
  'other',
);

/**
 * Short text with multi-byte characters (so byte cuts land inside them),
 * astral emoji and ZWJ sequences, and characters JSON must escape.
 */
export const wireTextArbitrary: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('a', ' ', '\n', '\r', '"', '\\', 'é', '中', '文', '😀', '👩‍👩‍👧', '\u2028'),
  minLength: 1,
  maxLength: 12,
});
