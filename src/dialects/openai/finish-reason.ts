/**
 * Finish reasons between the canonical model and OpenAI's `finish_reason`.
 * OpenAI has no separate stop-sequence reason (a matched `stop` string ends
 * with `"stop"`), so `stop-sequence` and `other` both encode as `"stop"`.
 */
import type { FinishReason } from '../../chat/types.ts';
import type { OpenAiFinishReason } from './wire-types.ts';

export function toOpenAiFinishReason(reason: FinishReason): OpenAiFinishReason {
  switch (reason) {
    case 'stop':
    case 'stop-sequence':
    case 'other':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
  }
}

/**
 * Reads an upstream `finish_reason`. The deprecated `function_call` counts as a
 * tool call; values only compatible servers send (vLLM `abort`, …) are `other`.
 */
export function fromOpenAiFinishReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
