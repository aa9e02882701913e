/**
 * Encodes a canonical answer as an OpenAI `chat.completion` object, field for
 * field as the real API returns it (API reference, "The chat completion
 * object"). Text parts are concatenated into `message.content`; tool calls go
 * to `message.tool_calls` (OpenAI has no interleaving of the two).
 */
import type { ChatCall, ChatResult, ToolCallPart } from '../../chat/types.ts';
import { toOpenAiFinishReason } from './finish-reason.ts';
import { toOpenAiUsage } from './usage.ts';
import type { OpenAiChatCompletion, OpenAiToolCall } from './wire-types.ts';

/**
 * `model` is the model that actually answered (as real OpenAI reports the
 * snapshot, not the alias); the caller's alias only when the provider named none.
 */
export function encodeOpenAiResponse(result: ChatResult, call: ChatCall): Record<string, unknown> {
  let text = '';
  let hasText = false;
  let toolCalls: OpenAiToolCall[] | undefined;
  for (const part of result.content) {
    if (part.type === 'text') {
      text += part.text;
      hasText = true;
    } else {
      (toolCalls ??= []).push(toOpenAiToolCall(part));
    }
  }
  const message: OpenAiChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    // OpenAI sends `null` content when the model only called tools.
    content: hasText || toolCalls === undefined ? text : null,
    refusal: null,
  };
  if (toolCalls !== undefined) message.tool_calls = toolCalls;
  message.annotations = [];
  const completion: OpenAiChatCompletion = {
    id: result.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: result.model === '' ? call.model : result.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: toOpenAiFinishReason(result.finishReason),
      },
    ],
    usage: toOpenAiUsage(result.usage),
  };
  return completion;
}

function toOpenAiToolCall(part: ToolCallPart): OpenAiToolCall {
  return {
    id: part.id,
    type: 'function',
    function: { name: part.name, arguments: part.arguments },
  };
}
