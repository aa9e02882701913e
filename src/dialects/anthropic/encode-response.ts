/**
 * A canonical answer → an Anthropic `Message` object, field for field as the
 * API returns it (https://docs.anthropic.com/en/api/messages#response).
 */
import type { ChatCall, ChatResult } from '../../chat/types.ts';
import { toAnthropicStopReason } from './stop-reason.ts';
import { toolArgumentsToResponseInput } from './tool-input.ts';
import { toAnthropicToolUseId } from './tool-use-id.ts';
import { toAnthropicUsage } from './usage.ts';

/**
 * `model` is the model that answered (as real APIs report the resolved
 * model), or the requested alias when the provider did not name one. Tool
 * call ids are made Anthropic-valid ({@link toAnthropicToolUseId}); arguments
 * that are not a JSON object become `{"_raw": "<text>"}` (see `tool-input.ts`).
 */
export function encodeAnthropicResponse(
  result: ChatResult,
  call: ChatCall,
): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  for (const part of result.content) {
    switch (part.type) {
      case 'text':
        content.push({ type: 'text', text: part.text });
        break;
      case 'tool-call':
        content.push({
          type: 'tool_use',
          id: toAnthropicToolUseId(part.id),
          name: part.name,
          input: toolArgumentsToResponseInput(part.arguments),
        });
        break;
    }
  }
  return {
    id: result.id,
    type: 'message',
    role: 'assistant',
    model: result.model === '' ? call.model : result.model,
    content,
    stop_reason: toAnthropicStopReason(result.finishReason),
    stop_sequence: result.stopSequence ?? null,
    usage: toAnthropicUsage(result.usage),
  };
}
