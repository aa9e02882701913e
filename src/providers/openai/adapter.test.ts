import { describe, it, expect } from 'vitest';
import {
  chatCall as call,
  openAiTarget as target,
  withoutApiKey,
} from '../../../test/support/canonical-fixtures.ts';
import { azureOpenAiAdapter, openAiAdapter } from './adapter.ts';

function body(request: { body: string }): Record<string, unknown> {
  return JSON.parse(request.body) as Record<string, unknown>;
}

describe('openAiAdapter.buildRequest', () => {
  it('posts to /chat/completions with bearer auth, organization and extra headers', () => {
    const request = openAiAdapter.buildRequest(
      call(),
      target({ organization: 'org-1', headers: { 'X-Team': 'red', Authorization: 'ignored' } }),
    );
    expect(request.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(request.headers).toEqual({
      'x-team': 'red',
      authorization: 'Bearer sk-test-key',
      'openai-organization': 'org-1',
      'content-type': 'application/json',
    });
    expect(body(request)).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
    });
  });

  it('sends no authorization header without a key', () => {
    const request = openAiAdapter.buildRequest(call(), withoutApiKey(target()));
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('encodes every modelled field and always asks for usage when streaming', () => {
    const request = openAiAdapter.buildRequest(
      call({
        tools: [{ name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }],
        toolChoice: { type: 'tool', name: 'f' },
        parallelToolCalls: false,
        responseFormat: {
          type: 'json_schema',
          name: 'n',
          schema: { type: 'object' },
          strict: true,
        },
        maxTokens: 50,
        temperature: 0.2,
        topP: 0.5,
        stop: ['END'],
        user: 'u1',
        metadata: { a: 'b' },
        stream: true,
        includeUsage: false,
        passthrough: { seed: 3 },
      }),
      target(),
    );
    expect(body(request)).toEqual({
      seed: 3,
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'n', schema: { type: 'object' }, strict: true },
      },
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.5,
      stop: ['END'],
      user: 'u1',
      metadata: { a: 'b' },
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('uses max_completion_tokens with the canonical value when the caller used it', () => {
    const request = openAiAdapter.buildRequest(
      call({ maxTokens: 64, passthrough: { max_completion_tokens: 999 } }),
      target(),
    );
    expect(body(request)).toMatchObject({ max_completion_tokens: 64 });
    expect(body(request)).not.toHaveProperty('max_tokens');
  });

  it('never lets passthrough override a modelled field', () => {
    const request = openAiAdapter.buildRequest(
      call({ passthrough: { model: 'other', messages: [], stream: true } }),
      target(),
    );
    expect(body(request)).toMatchObject({ model: 'gpt-4o', stream: false });
    expect(body(request).messages).toHaveLength(1);
  });

  it('never forwards a __proto__ passthrough key', () => {
    const passthrough = JSON.parse('{"__proto__":{"model":"evil"},"seed":1}') as Record<
      string,
      unknown
    >;
    const request = openAiAdapter.buildRequest(call({ passthrough }), target());
    expect(request.body).not.toContain('__proto__');
    expect(body(request)).toMatchObject({ seed: 1, model: 'gpt-4o' });
  });

  it('omits tool_choice and parallel_tool_calls when there are no tools', () => {
    const request = openAiAdapter.buildRequest(
      call({ toolChoice: { type: 'none' }, parallelToolCalls: true }),
      target(),
    );
    expect(body(request)).not.toHaveProperty('tool_choice');
    expect(body(request)).not.toHaveProperty('parallel_tool_calls');
  });

  it('translates a call from an Anthropic caller, leaving its cache breakpoints out', () => {
    const cacheControl = { type: 'ephemeral' } as const;
    const request = openAiAdapter.buildRequest(
      call({
        dialect: 'anthropic',
        passthrough: { top_k: 5 },
        passthroughHeaders: { 'anthropic-beta': 'context-1m-2025-08-07' },
        metadata: { user_id: 'x' },
        tools: [{ name: 'f', parameters: { type: 'object' }, cacheControl }],
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'rule 1' },
              { type: 'text', text: 'rule 2', cacheControl },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'see', cacheControl },
              {
                type: 'image',
                source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' },
                cacheControl,
              },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool-call', id: 'toolu_1', name: 'a', arguments: '{}', cacheControl },
              { type: 'tool-call', id: 'toolu_2', name: 'b', arguments: '{"x":1}' },
            ],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'toolu_1',
                content: [{ type: 'text', text: 'one' }],
                cacheControl,
              },
              {
                type: 'tool-result',
                toolCallId: 'toolu_2',
                isError: true,
                content: [
                  { type: 'text', text: 'chart:' },
                  { type: 'image', source: { kind: 'url', url: 'https://example.com/c.png' } },
                ],
              },
            ],
          },
        ],
      }),
      target(),
    );
    expect(request.headers).not.toHaveProperty('anthropic-beta');
    expect(request.body).not.toContain('cache_control');
    expect(body(request)).toEqual({
      model: 'gpt-4o',
      stream: false,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'rule 1' },
            { type: 'text', text: 'rule 2' },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'see' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'a', arguments: '{}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'b', arguments: '{"x":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'one' },
        {
          role: 'tool',
          tool_call_id: 'toolu_2',
          content: [
            { type: 'text', text: 'chart:' },
            { type: 'text', text: '[image omitted]' },
          ],
        },
      ],
    });
  });
});

describe('azureOpenAiAdapter.buildRequest', () => {
  it('addresses the deployment with api-version and an api-key header', () => {
    const request = azureOpenAiAdapter.buildRequest(
      call(),
      target({
        kind: 'azure-openai',
        baseUrl: 'https://res.openai.azure.com',
        apiVersion: '2024-10-21',
      }),
    );
    expect(request.url).toBe(
      'https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    );
    expect(request.headers).toEqual({
      'api-key': 'sk-test-key',
      'content-type': 'application/json',
    });
    expect(body(request)).not.toHaveProperty('model');
  });

  it('declares its kind and dialect', () => {
    expect([azureOpenAiAdapter.kind, azureOpenAiAdapter.dialect]).toEqual([
      'azure-openai',
      'openai',
    ]);
    expect([openAiAdapter.kind, openAiAdapter.dialect]).toEqual(['openai', 'openai']);
  });
});
