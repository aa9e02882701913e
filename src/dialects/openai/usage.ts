/**
 * Token usage between the canonical model and OpenAI's `usage` object.
 * OpenAI's `prompt_tokens` already includes `cached_tokens` (API reference,
 * "prompt_tokens_details"), so canonical `inputTokens` is the whole prompt and
 * `cacheReadTokens` the cached share of it.
 */
import { ZERO_USAGE } from '../../chat/types.ts';
import type { Usage } from '../../chat/types.ts';
import type { OpenAiUsage } from './wire-types.ts';

export function toOpenAiUsage(usage: Usage): OpenAiUsage {
  const promptDetails: NonNullable<OpenAiUsage['prompt_tokens_details']> = {
    cached_tokens: usage.cacheReadTokens ?? 0,
    audio_tokens: 0,
  };
  if (usage.cacheWriteTokens !== undefined && usage.cacheWriteTokens > 0) {
    promptDetails.cache_write_tokens = usage.cacheWriteTokens;
  }
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Reads an upstream `usage`; anything missing or malformed counts as zero (compatible servers may omit it). */
export function fromOpenAiUsage(value: unknown): Usage {
  if (typeof value !== 'object' || value === null) return ZERO_USAGE;
  const usage = value as Record<string, unknown>;
  const result: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens?: number;
    cacheWriteTokens?: number;
  } = {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
  };
  const details = usage.prompt_tokens_details;
  if (typeof details === 'object' && details !== null) {
    const cached = count((details as Record<string, unknown>).cached_tokens);
    if (cached > 0) result.cacheReadTokens = cached;
    const written = count((details as Record<string, unknown>).cache_write_tokens);
    if (written > 0) result.cacheWriteTokens = written;
  }
  return result;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}
