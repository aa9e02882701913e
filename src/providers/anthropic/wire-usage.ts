/**
 * Anthropic `usage` → canonical usage. Anthropic's `input_tokens` counts only
 * the prompt tokens after the last cache breakpoint; cache reads and writes
 * are reported beside it (`cache_read_input_tokens`,
 * `cache_creation_input_tokens`) and are billed as input too
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance).
 * Canonical `inputTokens` is the whole prompt (see `Usage`), so the three are
 * added. Missing or non-numeric counts are 0 / absent.
 */
import type { Usage } from '../../chat/types.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The counts as the API sent them; `undefined` where a count was absent. */
export interface AnthropicCounts {
  readonly input: number | undefined;
  readonly output: number | undefined;
  readonly cacheRead: number | undefined;
  readonly cacheWrite: number | undefined;
}

export const NO_COUNTS: AnthropicCounts = Object.freeze({
  input: undefined,
  output: undefined,
  cacheRead: undefined,
  cacheWrite: undefined,
});

export function readAnthropicCounts(value: unknown): AnthropicCounts {
  if (!isRecord(value)) return NO_COUNTS;
  return {
    input: tokenCount(value.input_tokens),
    output: tokenCount(value.output_tokens),
    cacheRead: tokenCount(value.cache_read_input_tokens),
    cacheWrite: tokenCount(value.cache_creation_input_tokens),
  };
}

/**
 * `message_delta.usage` counts are cumulative totals for the message: each
 * one sent replaces the one from `message_start`; absent ones keep it.
 */
export function mergeAnthropicCounts(
  earlier: AnthropicCounts,
  later: AnthropicCounts,
): AnthropicCounts {
  return {
    input: later.input ?? earlier.input,
    output: later.output ?? earlier.output,
    cacheRead: later.cacheRead ?? earlier.cacheRead,
    cacheWrite: later.cacheWrite ?? earlier.cacheWrite,
  };
}

export function toCanonicalUsage(counts: AnthropicCounts): Usage {
  const usage: Writable<Usage> = {
    inputTokens: (counts.input ?? 0) + (counts.cacheRead ?? 0) + (counts.cacheWrite ?? 0),
    outputTokens: counts.output ?? 0,
  };
  if (counts.cacheRead !== undefined) usage.cacheReadTokens = counts.cacheRead;
  if (counts.cacheWrite !== undefined) usage.cacheWriteTokens = counts.cacheWrite;
  return usage;
}

export function fromAnthropicUsage(value: unknown): Usage {
  return toCanonicalUsage(readAnthropicCounts(value));
}

/** A token count, or `undefined` when absent, `null` or not a non-negative number. */
function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
