/** Anthropic `usage` → canonical usage; missing or non-numeric counts are 0 / absent. */
import type { Usage } from '../../chat/types.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function fromAnthropicUsage(value: unknown): Usage {
  if (typeof value !== 'object' || value === null) return { inputTokens: 0, outputTokens: 0 };
  const wire = value as Readonly<Record<string, unknown>>;
  const usage: Writable<Usage> = {
    inputTokens: tokenCount(wire.input_tokens) ?? 0,
    outputTokens: tokenCount(wire.output_tokens) ?? 0,
  };
  const cacheRead = tokenCount(wire.cache_read_input_tokens);
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  const cacheWrite = tokenCount(wire.cache_creation_input_tokens);
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  return usage;
}

/** A token count, or `undefined` when absent, `null` or not a non-negative number. */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
