/**
 * Anthropic `stop_reason` ↔ canonical finish reason
 * (https://docs.anthropic.com/en/api/messages#response-stop-reason).
 */
import type { FinishReason } from '../../chat/types.ts';
import type { AnthropicStopReason } from './wire-types.ts';

export function toAnthropicStopReason(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'stop-sequence':
      return 'stop_sequence';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'other':
      // `pause_turn` would tell the caller to resend the turn to continue,
      // which is wrong for an answer from another provider: end the turn.
      return 'end_turn';
  }
}

/** Unknown or missing reasons (future API values) become `other`. */
export function fromAnthropicStopReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'end_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'stop_sequence':
      return 'stop-sequence';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
