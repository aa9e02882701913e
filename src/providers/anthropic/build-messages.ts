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
 * - `cacheControl` becomes the block's `cache_control`, whatever dialect the
 *   caller spoke (only Anthropic callers can set it); none is ever added,
 *   since the API allows at most 4 breakpoints and they are the caller's.
 */
import type {
  CacheControl,
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
  /** The system text parts, in order, empty ones dropped. */
  readonly system: TextPart[];
  readonly messages: AnthropicTurn[];
}

interface PendingTurn {
  readonly role: 'user' | 'assistant';
  readonly results: Block[];
  readonly others: Block[];
}

export function buildAnthropicMessages(messages: readonly ChatMessage[]): BuiltMessages {
  const system: TextPart[] = [];
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
        for (const part of message.content) if (part.text !== '') system.push(part);
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

/** A text block, with its cache breakpoint. */
export function textBlock(part: TextPart): Block {
  return withCacheControl({ type: 'text', text: part.text }, part.cacheControl);
}

/** `block` with `cache_control` set when the part has one (a fresh object, never the part's). */
export function withCacheControl(block: Block, cacheControl: CacheControl | undefined): Block {
  if (cacheControl !== undefined) {
    block.cache_control =
      cacheControl.ttl === undefined
        ? { type: cacheControl.type }
        : { type: cacheControl.type, ttl: cacheControl.ttl };
  }
  return block;
}

function userBlocks(parts: readonly (TextPart | ImagePart)[]): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.type === 'image') blocks.push(imageBlock(part));
    else if (part.text !== '') blocks.push(textBlock(part));
  }
  return blocks;
}

function assistantBlocks(parts: readonly (TextPart | ToolCallPart)[]): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') {
      const block: Block = {
        type: 'tool_use',
        id: toAnthropicToolUseId(part.id),
        name: part.name,
        input: toolArgumentsToRequestInput(part.arguments),
      };
      blocks.push(withCacheControl(block, part.cacheControl));
    } else if (part.text !== '') {
      blocks.push(textBlock(part));
    }
  }
  return blocks;
}

function toolResultBlock(part: ToolResultPart): Block {
  const block: Block = { type: 'tool_result', tool_use_id: toAnthropicToolUseId(part.toolCallId) };
  const content = userBlocks(part.content);
  if (content.length > 0) block.content = content;
  if (part.isError !== undefined) block.is_error = part.isError;
  return withCacheControl(block, part.cacheControl);
}

/** `data:<type>;base64,` — bounded, one literal prefix, no nested quantifiers. */
const DATA_URL = /^data:([a-zA-Z0-9.+/-]{1,100});base64,/;

function imageBlock(part: ImagePart): Block {
  return withCacheControl({ type: 'image', source: imageSource(part) }, part.cacheControl);
}

function imageSource(part: ImagePart): Block {
  const source = part.source;
  if (source.kind === 'base64') {
    return { type: 'base64', media_type: source.mediaType, data: source.data };
  }
  // OpenAI callers inline images as data URLs, which Anthropic's `url` source rejects.
  const match = DATA_URL.exec(source.url.slice(0, 128));
  if (match?.[1] !== undefined) {
    return { type: 'base64', media_type: match[1], data: source.url.slice(match[0].length) };
  }
  return { type: 'url', url: source.url };
}
