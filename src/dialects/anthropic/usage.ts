/**
 * Canonical usage → Anthropic `usage`. The API always reports the cache
 * counts, as 0 when nothing was cached, so absent canonical counts are 0.
 */
import type { Usage } from '../../chat/types.ts';

export interface AnthropicUsageFields {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export function toAnthropicUsage(usage: Usage | undefined): AnthropicUsageFields {
  return {
    input_tokens: usage?.inputTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: usage?.cacheWriteTokens ?? 0,
    cache_read_input_tokens: usage?.cacheReadTokens ?? 0,
  };
}
