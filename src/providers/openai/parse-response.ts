/**
 * An OpenAI `chat.completion` object → canonical answer. Only `choices[0]` is
 * read (the gateway never asks for `n > 1`). A `refusal` (Structured Outputs)
 * becomes the answer's text when there is no other content, so a caller in
 * any dialect sees why nothing else came back.
 */
import type { ChatResult, TextPart, ToolCallPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';
import { fromOpenAiFinishReason } from '../../dialects/openai/finish-reason.ts';
import { fromOpenAiUsage } from '../../dialects/openai/usage.ts';

export function parseOpenAiResponse(body: unknown): ChatResult {
  if (!isRecord(body)) throw badResponse('The upstream response was not a JSON object.');
  const choices = body.choices;
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  if (!isRecord(choice)) throw badResponse('The upstream response had no choices.');
  const message = choice.message;
  if (!isRecord(message)) throw badResponse('The upstream response had no message.');
  const content: (TextPart | ToolCallPart)[] = [];
  const text = message.content;
  if (typeof text === 'string') {
    if (text !== '') content.push({ type: 'text', text });
  } else if (text !== undefined && text !== null) {
    throw badResponse('The upstream message content was not a string.');
  }
  if (content.length === 0 && typeof message.refusal === 'string' && message.refusal !== '') {
    content.push({ type: 'text', text: message.refusal });
  }
  const toolCalls = message.tool_calls;
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) content.push(parseToolCall(call));
  } else if (toolCalls !== undefined && toolCalls !== null) {
    throw badResponse('The upstream tool calls were not a list.');
  }
  return {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    content,
    finishReason: fromOpenAiFinishReason(choice.finish_reason),
    usage: fromOpenAiUsage(body.usage),
  };
}

function parseToolCall(value: unknown): ToolCallPart {
  if (!isRecord(value) || !isRecord(value.function)) {
    throw badResponse('The upstream tool call was malformed.');
  }
  const { id } = value;
  const { name, arguments: argumentsText } = value.function;
  if (typeof id !== 'string' || typeof name !== 'string' || name === '') {
    throw badResponse('The upstream tool call had no id or name.');
  }
  return {
    type: 'tool-call',
    id,
    name,
    // Some compatible servers omit arguments for argument-less calls.
    arguments: typeof argumentsText === 'string' ? argumentsText : '',
  };
}

function badResponse(message: string): GatewayError {
  return new GatewayError('upstream_bad_response', message, { retryable: true });
}
