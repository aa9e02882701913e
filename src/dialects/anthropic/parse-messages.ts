/**
 * `system` and `messages` of a Messages request → canonical messages.
 *
 * Mapping (https://docs.anthropic.com/en/api/messages#body-messages):
 * - top-level `system` (string or text blocks) → a leading system message;
 *   `role: "system"` turns inside `messages` (SDK `SystemMessageParam`) →
 *   system messages in place;
 * - a user turn holding `tool_result` blocks → a canonical `tool` message
 *   with the results, then a `user` message with its other blocks. The API
 *   requires results first in such a turn, and OpenAI requires tool results
 *   right after the assistant's calls, so results always go first;
 * - `thinking` / `redacted_thinking` blocks in assistant turns are accepted
 *   and dropped: their signatures only verify against the same model, and no
 *   other provider can take them.
 */
import type {
  AssistantMessage,
  ChatMessage,
  ImagePart,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import {
  forEachBlock,
  parseImageBlock,
  parseStringContent,
  parseTextBlock,
  parseToolResultBlock,
  parseToolUseBlock,
  readBlocks,
} from './parse-blocks.ts';
import { invalid, readArray } from './request-checks.ts';

export function parseSystem(
  value: unknown,
  param: string,
  limits: RequestLimits,
): SystemMessage | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    return { role: 'system', content: [parseStringContent(value, param, limits)] };
  }
  const content: TextPart[] = [];
  forEachBlock(readBlocks(value, param, limits), param, (block, blockParam) => {
    if (block.type !== 'text') throw invalid(`${blockParam}.type`, 'must be "text".');
    content.push(parseTextBlock(block, blockParam, limits));
  });
  return { role: 'system', content };
}

export function parseMessages(
  value: unknown,
  system: SystemMessage | undefined,
  limits: RequestLimits,
): readonly ChatMessage[] {
  const list = readArray(value, 'messages');
  if (list.length === 0) throw invalid('messages', 'must contain at least one message.');
  if (list.length > limits.maxMessages) {
    throw invalid(
      'messages',
      `must contain at most ${limits.maxMessages} messages.`,
      'too_many_messages',
    );
  }
  const messages: ChatMessage[] = system === undefined ? [] : [system];
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    const param = `messages.${index}`;
    if (!isRecord(item)) throw invalid(param, 'must be an object.');
    switch (item.role) {
      case 'user':
        pushUserTurn(messages, item.content, `${param}.content`, limits);
        break;
      case 'assistant':
        messages.push(parseAssistant(item.content, `${param}.content`, limits));
        break;
      case 'system': {
        const parsed = parseSystem(item.content, `${param}.content`, limits);
        if (parsed === undefined) throw invalid(`${param}.content`, 'is required.');
        messages.push(parsed);
        break;
      }
      default:
        throw invalid(`${param}.role`, 'must be "user", "assistant" or "system".');
    }
  }
  return messages;
}

function pushUserTurn(
  messages: ChatMessage[],
  value: unknown,
  param: string,
  limits: RequestLimits,
): void {
  if (typeof value === 'string') {
    messages.push({ role: 'user', content: [parseStringContent(value, param, limits)] });
    return;
  }
  const results: ToolResultPart[] = [];
  const others: (TextPart | ImagePart)[] = [];
  forEachBlock(readBlocks(value, param, limits), param, (block, blockParam) => {
    switch (block.type) {
      case 'text':
        others.push(parseTextBlock(block, blockParam, limits));
        break;
      case 'image':
        others.push(parseImageBlock(block, blockParam, limits));
        break;
      case 'tool_result':
        results.push(parseToolResultBlock(block, blockParam, limits));
        break;
      case 'tool_use':
      case 'thinking':
      case 'redacted_thinking':
        throw invalid(`${blockParam}.type`, 'is only allowed in assistant messages.');
      default:
        throw invalid(
          `${blockParam}.type`,
          'must be "text", "image" or "tool_result" (other blocks are not supported by this gateway).',
        );
    }
  });
  if (results.length > 0) {
    messages.push({ role: 'tool', content: results });
    if (others.length > 0) messages.push({ role: 'user', content: others });
    return;
  }
  messages.push({ role: 'user', content: others });
}

function parseAssistant(value: unknown, param: string, limits: RequestLimits): AssistantMessage {
  if (typeof value === 'string') {
    return { role: 'assistant', content: [parseStringContent(value, param, limits)] };
  }
  const content: (TextPart | ToolCallPart)[] = [];
  forEachBlock(readBlocks(value, param, limits), param, (block, blockParam) => {
    switch (block.type) {
      case 'text':
        content.push(parseTextBlock(block, blockParam, limits));
        break;
      case 'tool_use':
        content.push(parseToolUseBlock(block, blockParam, limits));
        break;
      case 'thinking':
      case 'redacted_thinking':
        // Dropped (see the file comment).
        break;
      default:
        throw invalid(
          `${blockParam}.type`,
          'must be "text", "tool_use", "thinking" or "redacted_thinking" in assistant messages.',
        );
    }
  });
  return { role: 'assistant', content };
}
