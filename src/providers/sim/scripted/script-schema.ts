import { z } from 'zod';
import type { FinishReason } from '../../../chat/types.ts';

/**
 * The `sim/scripted` response script: one step, or an array of steps chosen
 * by turn. Field names follow the OpenAI wire style (`tool_calls`,
 * `finish_reason`) because scripts are usually written from recorded
 * responses. Every object is strict so a misspelt field fails loudly.
 */

/** Finish reasons a script may give, in OpenAI, Anthropic or canonical spelling. */
export const SCRIPT_FINISH_REASONS = [
  'stop',
  'end_turn',
  'length',
  'max_tokens',
  'tool_calls',
  'tool-calls',
  'tool_use',
  'stop_sequence',
  'stop-sequence',
  'content_filter',
  'content-filter',
  'other',
] as const;

export type ScriptFinishReason = (typeof SCRIPT_FINISH_REASONS)[number];

export const CANONICAL_FINISH_REASON: Readonly<Record<ScriptFinishReason, FinishReason>> = {
  stop: 'stop',
  end_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  tool_calls: 'tool-calls',
  'tool-calls': 'tool-calls',
  tool_use: 'tool-calls',
  stop_sequence: 'stop-sequence',
  'stop-sequence': 'stop-sequence',
  content_filter: 'content-filter',
  'content-filter': 'content-filter',
  other: 'other',
};

/** Gateway codes a script may ask for instead of the one its status maps to. */
export const SCRIPT_ERROR_CODES = [
  'upstream_error',
  'upstream_timeout',
  'upstream_rate_limited',
  'upstream_overloaded',
  'upstream_invalid_request',
  'upstream_auth_failed',
  'upstream_model_unavailable',
  'upstream_truncated',
  'upstream_bad_response',
] as const;

export type ScriptErrorCode = (typeof SCRIPT_ERROR_CODES)[number];

const tokenCount = z.number().int().nonnegative().max(1_000_000_000);

export const scriptToolCallSchema = z.strictObject({
  id: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256),
  /** An object (sent as its JSON text) or the exact argument text, which may be invalid JSON. */
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

export const scriptAnswerSchema = z.strictObject({
  text: z.string().optional(),
  tool_calls: z.array(scriptToolCallSchema).max(128).optional(),
  finish_reason: z.enum(SCRIPT_FINISH_REASONS).optional(),
  usage: z.strictObject({ input_tokens: tokenCount, output_tokens: tokenCount }).optional(),
});

export const scriptErrorSchema = z.strictObject({
  error: z.strictObject({
    status: z.number().int().min(400).max(599),
    code: z.enum(SCRIPT_ERROR_CODES).optional(),
    /** Seconds, sent to the caller as `Retry-After` when the error reaches it. */
    retry_after: z.number().int().nonnegative().max(86_400).optional(),
  }),
});

export type ScriptAnswer = Readonly<z.output<typeof scriptAnswerSchema>>;
export type ScriptError = Readonly<z.output<typeof scriptErrorSchema>>;
export type ScriptStep = ScriptAnswer | ScriptError;
/** Steps by turn; a single-object script is a one-step script. Never empty. */
export type Script = readonly ScriptStep[];
