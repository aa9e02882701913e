/**
 * Canonical usage → Anthropic `usage`. Canonical `inputTokens` is the whole
 * prompt while Anthropic's `input_tokens` excludes cache reads and writes
 * (see `Usage`), so those are subtracted; never below 0, should a provider
 * report cache counts larger than its prompt. The API always reports the
 * cache counts, as 0 when nothing was cached, so absent ones are 0.
 */
import type { Usage } from '../../chat/types.ts';

export interface AnthropicUsageFields {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export function toAnthropicUsage(usage: Usage | undefined): AnthropicUsageFields {
  const cacheRead = usage?.cacheReadTokens ?? 0;
  const cacheWrite = usage?.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.inputTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
