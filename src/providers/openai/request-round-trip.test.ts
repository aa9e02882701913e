import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type {
  AssistantMessage,
  ChatCall,
  ChatMessage,
  ImagePart,
  TextPart,
  ToolChoice,
  ToolDefinition,
  ToolResultPart,
} from '../../chat/types.ts';
import { parseOpenAiRequest } from '../../dialects/openai/parse-request.ts';
import { openAiAdapter } from './adapter.ts';
import { openAiTarget } from '../../../test/support/canonical-fixtures.ts';

const target = openAiTarget();

const words = fc.string({
  unit: fc.constantFrom('a', ' ', '\n', '"', 'é', '中', '😀'),
  maxLength: 10,
});
const name = fc.stringMatching(/^[a-zA-Z0-9_-]{1,20}$/);
const textPart: fc.Arbitrary<TextPart> = fc.record({
  type: fc.constant('text' as const),
  text: words,
});
const imagePart: fc.Arbitrary<ImagePart> = fc.record(
  {
    type: fc.constant('image' as const),
    source: fc.oneof(
      fc.record({ kind: fc.constant('url' as const), url: fc.webUrl() }),
      fc.record({
        kind: fc.constant('base64' as const),
        mediaType: fc.constantFrom('image/png', 'image/jpeg'),
        data: fc.base64String({ minLength: 4, maxLength: 16 }),
      }),
    ),
    detail: fc.constantFrom('auto' as const, 'low' as const, 'high' as const),
  },
  { requiredKeys: ['type', 'source'] },
);
const toolResult: fc.Arbitrary<ToolResultPart> = fc.record(
  {
    type: fc.constant('tool-result' as const),
    toolCallId: name,
    content: fc.array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 3 }),
    isError: fc.boolean(),
  },
  { requiredKeys: ['type', 'toolCallId', 'content'] },
);

const message: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({
    role: fc.constant('system' as const),
    content: fc.array(textPart, { minLength: 1, maxLength: 3 }),
  }),
  fc.record(
    {
      role: fc.constant('user' as const),
      content: fc.array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 3 }),
      name,
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record({
    role: fc.constant('assistant' as const),
    content: fc.array(
      fc.oneof(
        textPart,
        fc.record({ type: fc.constant('tool-call' as const), id: name, name, arguments: words }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({
    role: fc.constant('tool' as const),
    content: fc.array(toolResult, { minLength: 1, maxLength: 3 }),
  }),
);

const tool: fc.Arbitrary<ToolDefinition> = fc.record(
  {
    name,
    description: words,
    parameters: fc.constantFrom(
      { type: 'object' },
      { type: 'object', properties: { q: { type: 'string' } } },
    ),
    strict: fc.boolean(),
  },
  { requiredKeys: ['name', 'parameters'] },
);

const call: fc.Arbitrary<ChatCall> = fc
  .record(
    {
      messages: fc.array(message, { minLength: 1, maxLength: 6 }),
      tools: fc.uniqueArray(tool, { selector: (item) => item.name, maxLength: 3 }),
      choice: fc.constantFrom('auto', 'none', 'required', 'tool'),
      parallelToolCalls: fc.boolean(),
      responseFormat: fc.oneof(
        fc.constant({ type: 'text' as const }),
        fc.constant({ type: 'json_object' as const }),
        fc.record({
          type: fc.constant('json_schema' as const),
          name,
          schema: fc.constant({ type: 'object' }),
          strict: fc.boolean(),
        }),
      ),
      maxTokens: fc.integer({ min: 1, max: 100_000 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }).map(Math.abs),
      topP: fc.double({ min: 0, max: 1, noNaN: true }).map(Math.abs),
      stop: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }),
      user: name,
      metadata: fc.dictionary(name, words, { maxKeys: 4 }),
      stream: fc.boolean(),
      seed: fc.integer(),
    },
    { requiredKeys: ['messages', 'tools', 'choice', 'stop', 'stream'] },
  )
  .map(({ choice, seed, ...fields }): ChatCall => {
    const { tools } = fields;
    const first = tools[0];
    const toolChoice: ToolChoice | undefined =
      choice === 'tool'
        ? first === undefined
          ? undefined
          : { type: 'tool', name: first.name }
        : { type: choice };
    return {
      dialect: 'openai',
      model: 'alias',
      includeUsage: false,
      passthrough: seed === undefined ? {} : { seed },
      ...fields,
      ...(toolChoice === undefined || (toolChoice.type === 'required' && tools.length === 0)
        ? {}
        : { toolChoice }),
    };
  });

/** The call as OpenAI's format represents it (see the adapter's documented translation choices). */
function representable(value: ChatCall): ChatCall {
  const messages: ChatMessage[] = [];
  for (const item of value.messages) {
    if (item.role === 'tool') {
      const results = item.content.map((result) => ({
        type: 'tool-result' as const,
        toolCallId: result.toolCallId,
        content: result.content.map((part) =>
          part.type === 'text' ? part : { type: 'text' as const, text: '[image omitted]' },
        ),
      }));
      const previous = messages.at(-1);
      if (previous?.role === 'tool')
        messages[messages.length - 1] = {
          role: 'tool',
          content: [...previous.content, ...results],
        };
      else messages.push({ role: 'tool', content: results });
    } else if (item.role === 'assistant') {
      messages.push(assistant(item));
    } else {
      messages.push(item);
    }
  }
  const { toolChoice, parallelToolCalls, ...rest } = value;
  const hasTools = value.tools.length > 0;
  return {
    ...rest,
    model: target.model,
    messages,
    includeUsage: value.stream,
    ...(hasTools && toolChoice !== undefined ? { toolChoice } : {}),
    ...(hasTools && parallelToolCalls !== undefined ? { parallelToolCalls } : {}),
  };
}

function assistant(item: AssistantMessage): AssistantMessage {
  const texts = item.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  const calls = item.content.filter((part) => part.type === 'tool-call');
  if (texts.length === 0 && calls.length === 0)
    return { role: 'assistant', content: [{ type: 'text', text: '' }] };
  return {
    role: 'assistant',
    content: [
      ...(texts.length === 0 ? [] : [{ type: 'text' as const, text: texts.join('\n') }]),
      ...calls,
    ],
  };
}

describe('OpenAI request round trip', () => {
  it('parseOpenAiRequest(buildRequest(call)) keeps every field OpenAI can represent', () => {
    fc.assert(
      fc.property(call, (value) => {
        const request = openAiAdapter.buildRequest(value, target);
        const parsed = parseOpenAiRequest(JSON.parse(request.body), DEFAULT_REQUEST_LIMITS);
        expect(parsed).toEqual(representable(value));
      }),
      { numRuns: 200 },
    );
  });
});
