/**
 * Property test: a ChatCall within what the Messages API can represent
 * (alternating turns, one leading system message, no response format)
 * survives `buildRequest` then `parseAnthropicRequest` unchanged, cache
 * breakpoints and the caller's `anthropic-beta` header included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type {
  AssistantMessage,
  CacheControl,
  ChatCall,
  ChatMessage,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  ToolResultPart,
  UserMessage,
} from '../../chat/types.ts';
import { parseAnthropicRequest } from '../../dialects/anthropic/parse-request.ts';
import { anthropicAdapter } from './anthropic-adapter.ts';
import { anthropicTarget } from '../../../test/support/canonical-fixtures.ts';

const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('中', '😀', '"', '\n'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 16,
});
const cacheControl = fc.option(
  fc.constantFrom<CacheControl>(
    { type: 'ephemeral' },
    { type: 'ephemeral', ttl: '5m' },
    { type: 'ephemeral', ttl: '1h' },
  ),
  { nil: undefined, freq: 4 },
);

/** `part` with a cache breakpoint now and then, as an Anthropic caller may set. */
function withBreakpoint<Part extends { readonly cacheControl?: CacheControl }>(
  part: fc.Arbitrary<Part>,
): fc.Arbitrary<Part> {
  return fc
    .tuple(part, cacheControl)
    .map(([value, breakpoint]) =>
      breakpoint === undefined ? value : { ...value, cacheControl: breakpoint },
    );
}

const textPart = withBreakpoint<TextPart>(text.map((value) => ({ type: 'text', text: value })));
const imagePart = withBreakpoint<ImagePart>(
  fc.oneof(
    fc.webUrl().map((url) => ({ type: 'image' as const, source: { kind: 'url' as const, url } })),
    fc
      .record({
        mediaType: fc.constantFrom('image/png', 'image/jpeg', 'image/webp'),
        data: fc.base64String({ minLength: 4, maxLength: 40 }),
      })
      .map(({ mediaType, data }) => ({
        type: 'image' as const,
        source: { kind: 'base64' as const, mediaType, data },
      })),
  ),
);
const id = fc.stringMatching(/^[a-zA-Z0-9_-]{1,24}$/);
const name = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);
/** Keys without `_`, so `__proto__` cannot come up. */
const key = fc.stringMatching(/^[a-z]{1,8}$/);
const safeNumber = fc
  .double({ min: 0, max: 1, noNaN: true })
  .map((value) => (value === 0 ? 0 : value));

const userMessage: fc.Arbitrary<UserMessage> = fc
  .array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 3 })
  .map((content) => ({ role: 'user', content }));
const toolMessage: fc.Arbitrary<ToolMessage> = fc
  .array(
    withBreakpoint<ToolResultPart>(
      fc.record(
        {
          type: fc.constant('tool-result' as const),
          toolCallId: id,
          content: fc.array(fc.oneof(textPart, imagePart), { maxLength: 2 }),
          isError: fc.boolean(),
        },
        { requiredKeys: ['type', 'toolCallId', 'content'] },
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((content) => ({ role: 'tool', content }));
const toolCall = withBreakpoint<ToolCallPart>(
  fc.record({
    type: fc.constant('tool-call' as const),
    id,
    name,
    arguments: fc
      .dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
      .map((value) => JSON.stringify(value)),
  }),
);
const assistantMessage: fc.Arbitrary<AssistantMessage> = fc
  .array(fc.oneof(textPart, toolCall), { minLength: 1, maxLength: 3 })
  .map((content) => ({ role: 'assistant', content }));

/** A user turn: a user message, tool results, or tool results then a user message. */
const userTurn: fc.Arbitrary<ChatMessage[]> = fc.oneof(
  userMessage.map((message) => [message]),
  toolMessage.map((message) => [message]),
  fc.tuple(toolMessage, userMessage).map(([tool, user]) => [tool, user]),
);

const conversation: fc.Arbitrary<ChatMessage[]> = fc
  .record({
    system: fc.option(fc.array(textPart, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    turns: fc.array(fc.tuple(userTurn, assistantMessage), { minLength: 1, maxLength: 3 }),
    lastUser: fc.option(userTurn, { nil: undefined }),
  })
  .map(({ system, turns, lastUser }) => [
    ...(system === undefined ? [] : [{ role: 'system' as const, content: system }]),
    ...turns.flatMap(([user, assistant]) => [...user, assistant]),
    ...(lastUser ?? []),
  ]);

const tools: fc.Arbitrary<ToolDefinition[]> = fc.uniqueArray(
  withBreakpoint<ToolDefinition>(
    fc.record(
      {
        name,
        description: text,
        parameters: fc
          .dictionary(key, fc.constantFrom({ type: 'string' }, { type: 'number' }), { maxKeys: 3 })
          .map((properties) => ({ type: 'object', properties })),
        strict: fc.boolean(),
      },
      { requiredKeys: ['name', 'parameters'] },
    ),
  ),
  { maxLength: 3, selector: (tool) => tool.name },
);

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const chatCall: fc.Arbitrary<ChatCall> = fc
  .record({
    model: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
    messages: conversation,
    tools,
    choice: fc.nat(),
    parallel: fc.boolean(),
    maxTokens: fc.nat({ max: 200_000 }),
    temperature: fc.option(safeNumber, { nil: undefined }),
    topP: fc.option(safeNumber, { nil: undefined }),
    stop: fc.array(text, { maxLength: 4 }),
    user: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
    stream: fc.boolean(),
    topK: fc.option(fc.nat({ max: 500 }), { nil: undefined }),
    betas: fc.option(
      fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,30}$/), { minLength: 1, maxLength: 4 }),
      { nil: undefined },
    ),
  })
  .map((drawn) => {
    const call: Writable<ChatCall> = {
      dialect: 'anthropic',
      model: drawn.model,
      messages: drawn.messages,
      tools: drawn.tools,
      maxTokens: drawn.maxTokens,
      stop: drawn.stop,
      stream: drawn.stream,
      includeUsage: true,
      passthrough: drawn.topK === undefined ? {} : { top_k: drawn.topK },
    };
    const first = drawn.tools[drawn.choice % Math.max(1, drawn.tools.length)];
    if (first !== undefined) {
      const choices: (ToolChoice | undefined)[] = [
        undefined,
        { type: 'auto' },
        { type: 'required' },
        { type: 'none' },
        { type: 'tool', name: first.name },
      ];
      const toolChoice = choices[drawn.choice % choices.length];
      if (toolChoice !== undefined) {
        call.toolChoice = toolChoice;
        // Only `disable_parallel_tool_use: true` is representable, and not with `none`.
        if (toolChoice.type !== 'none' && drawn.parallel) call.parallelToolCalls = false;
      }
    }
    if (drawn.temperature !== undefined) call.temperature = drawn.temperature;
    if (drawn.topP !== undefined) call.topP = drawn.topP;
    if (drawn.user !== undefined) call.user = drawn.user;
    if (drawn.betas !== undefined) {
      call.passthroughHeaders = { 'anthropic-beta': drawn.betas.join(',') };
    }
    return call;
  });

describe('Anthropic requests round-trip through adapter and parser', () => {
  it('parseAnthropicRequest(buildRequest(call)) gives back the call', () => {
    fc.assert(
      fc.property(chatCall, (call) => {
        const request = anthropicAdapter.buildRequest(
          call,
          anthropicTarget({}, { model: call.model }),
        );
        const parsed = parseAnthropicRequest(JSON.parse(request.body), DEFAULT_REQUEST_LIMITS, {
          anthropicBeta: request.headers['anthropic-beta'],
        });
        expect(parsed).toEqual(call);
      }),
    );
  });
});
