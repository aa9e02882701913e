/**
 * Canonical messages → the `system` and `messages` of a Messages request.
 *
 * - Every system message, wherever it appears, is hoisted into the top-level
 *   `system`, in order: Anthropic has no mid-conversation system turns in
 *   older API versions, and the top-level field is understood by all.
 * - Turns must alternate (https://docs.anthropic.com/en/api/messages#body-messages),
 *   so consecutive same-role messages are merged; a canonical `tool` message
 *   becomes a user turn of `tool_result` blocks, placed before any other block
 *   of that turn as the API requires.
 * - Empty text parts are dropped (the API rejects empty text blocks; OpenAI
 *   histories carry `content: ""` beside tool calls), and turns left empty
 *   are skipped.
 */
import type {
  ChatMessage,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../chat/types.ts';
import { toolArgumentsToRequestInput } from '../../dialects/anthropic/tool-input.ts';
import { toAnthropicToolUseId } from '../../dialects/anthropic/tool-use-id.ts';

type Block = Record<string, unknown>;

export interface AnthropicTurn {
  readonly role: 'user' | 'assistant';
  readonly content: Block[];
}

export interface BuiltMessages {
  /** The system texts, in order. */
  readonly system: string[];
  readonly messages: AnthropicTurn[];
}

interface PendingTurn {
  readonly role: 'user' | 'assistant';
  readonly results: Block[];
  readonly others: Block[];
}

export function buildAnthropicMessages(messages: readonly ChatMessage[]): BuiltMessages {
  const system: string[] = [];
  const turns: PendingTurn[] = [];
  let current: PendingTurn | undefined;
  const turn = (role: 'user' | 'assistant'): PendingTurn => {
    if (current?.role !== role) {
      current = { role, results: [], others: [] };
      turns.push(current);
    }
    return current;
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        for (const part of message.content) system.push(part.text);
        break;
      case 'user': {
        const blocks = userBlocks(message.content);
        if (blocks.length > 0) turn('user').others.push(...blocks);
        break;
      }
      case 'tool': {
        const blocks = message.content.map(toolResultBlock);
        if (blocks.length > 0) turn('user').results.push(...blocks);
        break;
      }
      case 'assistant': {
        const blocks = assistantBlocks(message.content);
        if (blocks.length > 0) turn('assistant').others.push(...blocks);
        break;
      }
    }
  }
  return {
    system,
    messages: turns.map((pending) => ({
      role: pending.role,
      content:
        pending.results.length === 0 ? pending.others : pending.results.concat(pending.others),
    })),
  };
}

function userBlocks(parts: readonly (TextPart | ImagePart)[]): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.type === 'image') blocks.push(imageBlock(part));
    else if (part.text !== '') blocks.push({ type: 'text', text: part.text });
  }
  return blocks;
}

function assistantBlocks(parts: readonly (TextPart | ToolCallPart)[]): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') {
      blocks.push({
        type: 'tool_use',
        id: toAnthropicToolUseId(part.id),
        name: part.name,
        input: toolArgumentsToRequestInput(part.arguments),
      });
    } else if (part.text !== '') {
      blocks.push({ type: 'text', text: part.text });
    }
  }
  return blocks;
}

function toolResultBlock(part: ToolResultPart): Block {
  const block: Block = { type: 'tool_result', tool_use_id: toAnthropicToolUseId(part.toolCallId) };
  const content = userBlocks(part.content);
  if (content.length > 0) block.content = content;
  if (part.isError !== undefined) block.is_error = part.isError;
  return block;
}

/** `data:<type>;base64,` — bounded, one literal prefix, no nested quantifiers. */
const DATA_URL = /^data:([a-zA-Z0-9.+/-]{1,100});base64,/;

function imageBlock(part: ImagePart): Block {
  const source = part.source;
  if (source.kind === 'base64') {
    return {
      type: 'image',
      source: { type: 'base64', media_type: source.mediaType, data: source.data },
    };
  }
  // OpenAI callers inline images as data URLs, which Anthropic's `url` source rejects.
  const match = DATA_URL.exec(source.url.slice(0, 128));
  if (match?.[1] !== undefined) {
    return {
      type: 'image',
      source: {
        type: 'base64',
        media_type: match[1],
        data: source.url.slice(match[0].length),
      },
    };
  }
  return { type: 'image', source: { type: 'url', url: source.url } };
}
