/**
 * One Anthropic conversation with a prompt-cache breakpoint on every kind of
 * item that can carry one (system text, tool definition, image, text,
 * tool_use, tool_result and its content), on the wire and in canonical form.
 * The dialect must read the first into the second, and the provider must
 * write the second back as the first.
 */
import type { CacheControl, ChatMessage, ToolDefinition } from '../../src/chat/types.ts';

const fiveMinutes: CacheControl = { type: 'ephemeral' };
const fiveMinutesExplicit: CacheControl = { type: 'ephemeral', ttl: '5m' };
const hour: CacheControl = { type: 'ephemeral', ttl: '1h' };

/** `system`, `tools` and `messages` of a Messages request. */
export const CACHED_WIRE_REQUEST = {
  system: [{ type: 'text', text: 'Rules.', cache_control: hour }],
  tools: [{ name: 'f', input_schema: { type: 'object' }, cache_control: hour }],
  messages: [
    {
      role: 'user',
      content: [
        {
          type: 'image',
          source: { type: 'url', url: 'https://x.test/a.png' },
          cache_control: fiveMinutes,
        },
        { type: 'text', text: 'Look.', cache_control: fiveMinutesExplicit },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: {}, cache_control: fiveMinutes },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: [{ type: 'text', text: 'done', cache_control: fiveMinutes }],
          cache_control: hour,
        },
      ],
    },
  ],
} as const;

/** The same conversation as canonical tools and messages. */
export const CACHED_CANONICAL: {
  readonly tools: readonly ToolDefinition[];
  readonly messages: readonly ChatMessage[];
} = {
  tools: [{ name: 'f', parameters: { type: 'object' }, cacheControl: hour }],
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Rules.', cacheControl: hour }] },
    {
      role: 'user',
      content: [
        {
          type: 'image',
          source: { kind: 'url', url: 'https://x.test/a.png' },
          cacheControl: fiveMinutes,
        },
        { type: 'text', text: 'Look.', cacheControl: fiveMinutesExplicit },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}', cacheControl: fiveMinutes },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_1',
          content: [{ type: 'text', text: 'done', cacheControl: fiveMinutes }],
          cacheControl: hour,
        },
      ],
    },
  ],
};
