/**
 * The `messages` array of an OpenAI Chat Completions request → canonical
 * messages. `developer` is the newer name of `system` (API reference,
 * "Developer message") and maps to a canonical system message. Consecutive
 * `tool` messages (the results of one assistant turn) become one canonical
 * tool message, which is how Anthropic groups `tool_result` blocks; the
 * OpenAI provider splits them again, one message per result.
 */
import type {
  AssistantMessage,
  ChatMessage,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserMessage,
} from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { parseTextContent, parseUserContent } from './parse-content.ts';
import { isRecord } from '../shared/json-value.ts';
import type { JsonObject } from '../shared/json-value.ts';
import { invalid, readArray, readString } from './request-checks.ts';

/** Longest tool call id or participant name accepted. */
export const MAX_IDENTIFIER_LENGTH = 512;

export function parseOpenAiMessages(value: unknown, limits: RequestLimits): ChatMessage[] {
  if (value === undefined || value === null) {
    throw invalid('messages', 'is required.');
  }
  const raw = readArray(value, 'messages');
  if (raw.length === 0) throw invalid('messages', 'must contain at least one message.');
  if (raw.length > limits.maxMessages) {
    throw invalid(
      'messages',
      `must contain at most ${limits.maxMessages} messages.`,
      'too_many_messages',
    );
  }
  const messages: ChatMessage[] = [];
  let pendingResults: ToolResultPart[] | undefined;
  for (let index = 0; index < raw.length; index++) {
    const param = `messages[${index}]`;
    const message = raw[index];
    if (!isRecord(message)) throw invalid(param, 'must be an object.');
    const role = message.role;
    if (role === 'tool') {
      const result = parseToolMessage(message, param, limits);
      if (pendingResults === undefined) {
        pendingResults = [result];
        messages.push({ role: 'tool', content: pendingResults });
      } else {
        pendingResults.push(result);
      }
      continue;
    }
    pendingResults = undefined;
    switch (role) {
      case 'system':
      case 'developer':
        messages.push({
          role: 'system',
          content: parseTextContent(message.content, `${param}.content`, limits),
        });
        break;
      case 'user':
        messages.push(parseUserMessage(message, param, limits));
        break;
      case 'assistant':
        messages.push(parseAssistantMessage(message, param, limits));
        break;
      case 'function':
        throw invalid(
          `${param}.role`,
          "'function' is deprecated and not supported; send tool results as 'tool' messages.",
        );
      default:
        throw invalid(
          `${param}.role`,
          "must be one of 'system', 'developer', 'user', 'assistant' or 'tool'.",
        );
    }
  }
  return messages;
}

function parseUserMessage(message: JsonObject, param: string, limits: RequestLimits): UserMessage {
  const content = parseUserContent(message.content, `${param}.content`, limits);
  const name = message.name;
  if (name === undefined || name === null) return { role: 'user', content };
  return {
    role: 'user',
    content,
    name: readString(name, `${param}.name`, MAX_IDENTIFIER_LENGTH, 1),
  };
}

function parseAssistantMessage(
  message: JsonObject,
  param: string,
  limits: RequestLimits,
): AssistantMessage {
  if (message.function_call !== undefined && message.function_call !== null) {
    throw invalid(`${param}.function_call`, 'is deprecated and not supported; use tool_calls.');
  }
  const content: (TextPart | ToolCallPart)[] =
    message.content === undefined || message.content === null
      ? []
      : parseTextContent(message.content, `${param}.content`, limits, 'text-or-refusal');
  const refusal = message.refusal;
  if (refusal !== undefined && refusal !== null) {
    const text = readString(refusal, `${param}.refusal`, limits.maxStringLength);
    // Clients echo `refusal` from responses; it carries the text only when content is empty.
    if (content.length === 0 && text !== '') content.push({ type: 'text', text });
  }
  const toolCalls = message.tool_calls;
  if (toolCalls !== undefined && toolCalls !== null) {
    const calls = readArray(toolCalls, `${param}.tool_calls`);
    if (calls.length > limits.maxPartsPerMessage) {
      throw invalid(
        `${param}.tool_calls`,
        `must have at most ${limits.maxPartsPerMessage} entries.`,
      );
    }
    for (let index = 0; index < calls.length; index++) {
      content.push(parseToolCall(calls[index], `${param}.tool_calls[${index}]`, limits));
    }
  }
  if (content.length === 0) {
    throw invalid(`${param}.content`, 'must not be empty when there are no tool_calls.');
  }
  return { role: 'assistant', content };
}

function parseToolCall(value: unknown, param: string, limits: RequestLimits): ToolCallPart {
  if (!isRecord(value)) throw invalid(param, 'must be an object.');
  if (value.type !== 'function') {
    throw invalid(`${param}.type`, "must be 'function'.");
  }
  const id = readString(value.id, `${param}.id`, MAX_IDENTIFIER_LENGTH, 1);
  const called = value.function;
  if (!isRecord(called)) throw invalid(`${param}.function`, 'must be an object.');
  return {
    type: 'tool-call',
    id,
    name: readString(called.name, `${param}.function.name`, MAX_IDENTIFIER_LENGTH, 1),
    arguments: readString(called.arguments, `${param}.function.arguments`, limits.maxStringLength),
  };
}

function parseToolMessage(
  message: JsonObject,
  param: string,
  limits: RequestLimits,
): ToolResultPart {
  return {
    type: 'tool-result',
    toolCallId: readString(message.tool_call_id, `${param}.tool_call_id`, MAX_IDENTIFIER_LENGTH, 1),
    content: parseTextContent(message.content, `${param}.content`, limits),
  };
}
