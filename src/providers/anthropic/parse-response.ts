/**
 * A Messages API `Message` → the canonical answer
 * (https://docs.anthropic.com/en/api/messages#response).
 *
 * `tool_use.input` objects become JSON text (canonical arguments);
 * `thinking` / `redacted_thinking` blocks and server-tool blocks are not part
 * of the canonical answer and are skipped.
 */
import type { ChatResult, TextPart, ToolCallPart } from '../../chat/types.ts';
import { fromAnthropicStopReason } from '../../dialects/anthropic/stop-reason.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';
import { GatewayError } from '../../errors.ts';
import { fromAnthropicUsage } from './wire-usage.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function parseAnthropicResponse(body: unknown): ChatResult {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw badResponse('The upstream answer is not an Anthropic message.');
  }
  const blocks: readonly unknown[] = body.content;
  const content: (TextPart | ToolCallPart)[] = [];
  for (const block of blocks) {
    if (!isRecord(block)) throw badResponse('The upstream answer has a malformed content block.');
    switch (block.type) {
      case 'text':
        if (typeof block.text !== 'string') {
          throw badResponse('The upstream answer has a malformed text block.');
        }
        content.push({ type: 'text', text: block.text });
        break;
      case 'tool_use':
        if (typeof block.id !== 'string' || typeof block.name !== 'string') {
          throw badResponse('The upstream answer has a malformed tool_use block.');
        }
        content.push({
          type: 'tool-call',
          id: block.id,
          name: block.name,
          arguments: JSON.stringify(block.input ?? {}),
        });
        break;
      default:
        break;
    }
  }
  const result: Writable<ChatResult> = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    content,
    finishReason: fromAnthropicStopReason(body.stop_reason),
    usage: fromAnthropicUsage(body.usage),
  };
  if (typeof body.stop_sequence === 'string') result.stopSequence = body.stop_sequence;
  return result;
}

function badResponse(message: string): GatewayError {
  return new GatewayError('upstream_bad_response', message, { retryable: true });
}
