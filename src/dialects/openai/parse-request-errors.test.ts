import { describe, it, expect } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { parseOpenAiRequest } from './parse-request.ts';
import { thrownGatewayError as failure } from '../../../test/support/thrown-gateway-error.ts';

const limits = DEFAULT_REQUEST_LIMITS;

function parse(body: Record<string, unknown>, bounds: RequestLimits = limits) {
  return parseOpenAiRequest(
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body },
    bounds,
  );
}

describe('parseOpenAiRequest rejections', () => {
  it.each([
    ['a non-object body', () => parseOpenAiRequest([], limits), 'invalid_request', undefined],
    [
      'a missing model',
      () => parseOpenAiRequest({ messages: [] }, limits),
      'invalid_request',
      'model',
    ],
    ['an empty model', () => parse({ model: '' }), 'invalid_request', 'model'],
    ['an overlong model', () => parse({ model: 'm'.repeat(257) }), 'invalid_request', 'model'],
    ['missing messages', () => parse({ messages: undefined }), 'invalid_request', 'messages'],
    ['empty messages', () => parse({ messages: [] }), 'invalid_request', 'messages'],
    [
      'too many messages',
      () =>
        parse(
          {
            messages: [
              { role: 'user', content: 'a' },
              { role: 'user', content: 'b' },
            ],
          },
          { ...limits, maxMessages: 1 },
        ),
      'too_many_messages',
      'messages',
    ],
    [
      'the function role',
      () => parse({ messages: [{ role: 'function', name: 'f', content: 'x' }] }),
      'invalid_request',
      'messages[0].role',
    ],
    [
      'an unknown role',
      () => parse({ messages: [{ role: 'robot', content: 'x' }] }),
      'invalid_request',
      'messages[0].role',
    ],
    [
      'a non-string content',
      () =>
        parse({
          messages: [
            { role: 'user', content: 'ok' },
            { role: 'user', content: 42 },
          ],
        }),
      'invalid_request',
      'messages[1].content',
    ],
    [
      'an audio part',
      () =>
        parse({
          messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }],
        }),
      'invalid_request',
      'messages[0].content[0].type',
    ],
    [
      'an image part in a system message',
      () =>
        parse({
          messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'x' } }] }],
        }),
      'invalid_request',
      'messages[0].content[0].type',
    ],
    [
      'a bad image detail',
      () =>
        parse({
          messages: [
            {
              role: 'user',
              content: [{ type: 'image_url', image_url: { url: 'x', detail: 'max' } }],
            },
          ],
        }),
      'invalid_request',
      'messages[0].content[0].image_url.detail',
    ],
    [
      'an overlong text',
      () =>
        parse(
          { messages: [{ role: 'user', content: 'abcdef' }] },
          { ...limits, maxStringLength: 5 },
        ),
      'invalid_request',
      'messages[0].content',
    ],
    [
      'too many content parts',
      () =>
        parse(
          {
            messages: [
              {
                role: 'user',
                content: [
                  { type: 'text', text: 'a' },
                  { type: 'text', text: 'b' },
                ],
              },
            ],
          },
          { ...limits, maxPartsPerMessage: 1 },
        ),
      'invalid_request',
      'messages[0].content',
    ],
    [
      'an empty assistant message',
      () => parse({ messages: [{ role: 'assistant', content: null }] }),
      'invalid_request',
      'messages[0].content',
    ],
    [
      'a tool message without tool_call_id',
      () => parse({ messages: [{ role: 'tool', content: 'x' }] }),
      'invalid_request',
      'messages[0].tool_call_id',
    ],
    [
      'a tool call of another type',
      () =>
        parse({
          messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'custom', custom: {} }] }],
        }),
      'invalid_request',
      'messages[0].tool_calls[0].type',
    ],
    [
      'a deprecated function_call',
      () =>
        parse({ messages: [{ role: 'assistant', content: 'x', function_call: { name: 'f' } }] }),
      'invalid_request',
      'messages[0].function_call',
    ],
    [
      'an invalid tool name',
      () => parse({ tools: [{ type: 'function', function: { name: 'has space' } }] }),
      'invalid_tool_schema',
      'tools[0].function.name',
    ],
    [
      'a non-function tool',
      () => parse({ tools: [{ type: 'custom', custom: { name: 'x' } }] }),
      'invalid_tool_schema',
      'tools[0].type',
    ],
    [
      'non-object parameters',
      () => parse({ tools: [{ type: 'function', function: { name: 'f', parameters: 'x' } }] }),
      'invalid_tool_schema',
      'tools[0].function.parameters',
    ],
    [
      'parameters of a non-object type',
      () =>
        parse({
          tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }],
        }),
      'invalid_tool_schema',
      'tools[0].function.parameters.type',
    ],
    [
      'duplicate tool names',
      () =>
        parse({
          tools: [
            { type: 'function', function: { name: 'f' } },
            { type: 'function', function: { name: 'f' } },
          ],
        }),
      'invalid_tool_schema',
      'tools[1].function.name',
    ],
    [
      'too many tools',
      () =>
        parse(
          { tools: [{ type: 'function', function: { name: 'f' } }] },
          { ...limits, maxTools: 0 },
        ),
      'too_many_messages',
      'tools',
    ],
    [
      'a tool_choice naming an undeclared tool',
      () =>
        parse({
          tools: [{ type: 'function', function: { name: 'f' } }],
          tool_choice: { type: 'function', function: { name: 'g' } },
        }),
      'invalid_request',
      'tool_choice.function.name',
    ],
    [
      'an unknown tool_choice',
      () => parse({ tool_choice: 'always' }),
      'invalid_request',
      'tool_choice',
    ],
    [
      'required tool_choice without tools',
      () => parse({ tool_choice: 'required' }),
      'invalid_request',
      'tool_choice',
    ],
    ['a temperature above 2', () => parse({ temperature: 2.5 }), 'invalid_request', 'temperature'],
    ['a negative top_p', () => parse({ top_p: -0.1 }), 'invalid_request', 'top_p'],
    ['a fractional max_tokens', () => parse({ max_tokens: 1.5 }), 'invalid_request', 'max_tokens'],
    [
      'a zero max_completion_tokens',
      () => parse({ max_completion_tokens: 0 }),
      'invalid_request',
      'max_completion_tokens',
    ],
    ['a non-boolean stream', () => parse({ stream: 'yes' }), 'invalid_request', 'stream'],
    [
      'a non-boolean include_usage',
      () => parse({ stream_options: { include_usage: 1 } }),
      'invalid_request',
      'stream_options.include_usage',
    ],
    [
      'too many stop sequences',
      () => parse({ stop: ['a', 'b'] }, { ...limits, maxStopSequences: 1 }),
      'invalid_request',
      'stop',
    ],
    ['an empty stop sequence', () => parse({ stop: ['a', ''] }), 'invalid_request', 'stop[1]'],
    [
      'a non-string metadata value',
      () => parse({ metadata: { a: 1 } }),
      'invalid_request',
      'metadata',
    ],
    ['a non-string user', () => parse({ user: 5 }), 'invalid_request', 'user'],
    [
      'an unknown response_format type',
      () => parse({ response_format: { type: 'xml' } }),
      'invalid_request',
      'response_format.type',
    ],
    [
      'a json_schema without a name',
      () => parse({ response_format: { type: 'json_schema', json_schema: {} } }),
      'invalid_request',
      'response_format.json_schema.name',
    ],
    ['n above 1', () => parse({ n: 2 }), 'invalid_request', 'n'],
    [
      'the deprecated functions field',
      () => parse({ functions: [] }),
      'invalid_request',
      'functions',
    ],
    [
      'a passthrough value that is not JSON',
      () => parse({ seed: Number.NaN }),
      'invalid_request',
      'seed',
    ],
  ] as const)('rejects %s with the right code and param', (_name, run, code, param) => {
    const error = failure(run);
    expect(error.code).toBe(code);
    expect(error.param).toBe(param);
    expect(error.status).toBeLessThan(500);
  });

  it('never echoes request content in error messages', () => {
    const error = failure(() =>
      parse({ messages: [{ role: 'user', content: [{ type: 'bogus', text: 'SECRET-PROMPT' }] }] }),
    );
    expect(error.message).not.toContain('SECRET-PROMPT');
    expect(error.message).toContain('messages[0].content[0].type');
  });
});
