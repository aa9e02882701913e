/**
 * What an Anthropic caller's prompt-caching breakpoints and beta opt-ins
 * become in the upstream request: kept as given, never added to, and the
 * betas only for a caller who spoke Anthropic.
 */
import { describe, expect, it } from 'vitest';
import type { CacheControl, ChatCall } from '../../chat/types.ts';
import { anthropicTarget, chatCall, userText } from '../../../test/support/canonical-fixtures.ts';
import { buildAnthropicRequest } from './build-request.ts';

const ephemeral: CacheControl = { type: 'ephemeral' };
const hour: CacheControl = { type: 'ephemeral', ttl: '1h' };

function body(call: ChatCall): Record<string, unknown> {
  return JSON.parse(buildAnthropicRequest(call, anthropicTarget()).body) as Record<string, unknown>;
}

describe('buildAnthropicRequest with cache breakpoints', () => {
  it('sends each breakpoint as cache_control on its block or tool, for callers of either dialect', () => {
    for (const dialect of ['anthropic', 'openai'] as const) {
      const built = body(
        chatCall({
          dialect,
          tools: [{ name: 'f', parameters: { type: 'object' }, cacheControl: hour }],
          messages: [
            { role: 'system', content: [{ type: 'text', text: 'Rules.', cacheControl: hour }] },
            {
              role: 'user',
              content: [
                {
                  type: 'image',
                  source: { kind: 'url', url: 'https://x.test/a.png' },
                  cacheControl: ephemeral,
                },
                { type: 'text', text: 'Look.', cacheControl: ephemeral },
              ],
            },
            {
              role: 'assistant',
              content: [
                {
                  type: 'tool-call',
                  id: 'toolu_1',
                  name: 'f',
                  arguments: '{}',
                  cacheControl: ephemeral,
                },
              ],
            },
            {
              role: 'tool',
              content: [
                {
                  type: 'tool-result',
                  toolCallId: 'toolu_1',
                  content: [{ type: 'text', text: 'done', cacheControl: ephemeral }],
                  cacheControl: ephemeral,
                },
              ],
            },
          ],
        }),
      );
      expect(built.system).toEqual([
        { type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ]);
      expect(built.tools).toEqual([
        {
          name: 'f',
          input_schema: { type: 'object' },
          cache_control: { type: 'ephemeral', ttl: '1h' },
        },
      ]);
      expect(built.messages).toEqual([
        {
          role: 'user',
          content: [
            {
              type: 'image',
              source: { type: 'url', url: 'https://x.test/a.png' },
              cache_control: ephemeral,
            },
            { type: 'text', text: 'Look.', cache_control: ephemeral },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: {}, cache_control: ephemeral },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'done', cache_control: ephemeral }],
              cache_control: ephemeral,
            },
          ],
        },
      ]);
    }
  });

  it('adds no breakpoint of its own', () => {
    const request = buildAnthropicRequest(
      chatCall({
        dialect: 'anthropic',
        messages: [{ role: 'system', content: [{ type: 'text', text: 'Rules.' }] }, userText('hi')],
        tools: [{ name: 'f', parameters: { type: 'object' } }],
        responseFormat: { type: 'json_object' },
      }),
      anthropicTarget(),
    );
    expect(request.body).not.toContain('cache_control');
  });

  it('keeps a cached system prompt as blocks and an uncached single one as a string', () => {
    expect(
      body(
        chatCall({
          messages: [{ role: 'system', content: [{ type: 'text', text: 'A.' }] }, userText('hi')],
        }),
      ).system,
    ).toBe('A.');
    const cached = body(
      chatCall({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'A.', cacheControl: ephemeral }] },
          userText('hi'),
        ],
        responseFormat: { type: 'json_object' },
      }),
    );
    // The JSON instruction follows the caller's breakpoint, uncached.
    expect(cached.system).toEqual([
      { type: 'text', text: 'A.', cache_control: ephemeral },
      { type: 'text', text: expect.stringMatching(/JSON object/) as unknown },
    ]);
  });
});

describe('buildAnthropicRequest with the caller anthropic-beta header', () => {
  const betas = { 'anthropic-beta': 'context-1m-2025-08-07,files-api-2025-04-14' };

  it('forwards the betas of an Anthropic caller', () => {
    const request = buildAnthropicRequest(
      chatCall({ dialect: 'anthropic', passthroughHeaders: betas }),
      anthropicTarget(),
    );
    expect(request.headers['anthropic-beta']).toBe('context-1m-2025-08-07,files-api-2025-04-14');
  });

  it('joins them to the betas the provider config sets, whatever its header case', () => {
    const request = buildAnthropicRequest(
      chatCall({ dialect: 'anthropic', passthroughHeaders: betas }),
      anthropicTarget({
        headers: { 'Anthropic-Beta': 'files-api-2025-04-14, prompt-caching-2024-07-31' },
      }),
    );
    expect(request.headers['anthropic-beta']).toBe(
      'files-api-2025-04-14,prompt-caching-2024-07-31,context-1m-2025-08-07',
    );
    expect(request.headers).not.toHaveProperty('Anthropic-Beta');
  });

  it('forwards nothing for a translated call, and no other passthrough header ever', () => {
    const translated = buildAnthropicRequest(
      chatCall({ dialect: 'openai', passthroughHeaders: betas }),
      anthropicTarget(),
    );
    expect(translated.headers).not.toHaveProperty('anthropic-beta');
    const smuggled = buildAnthropicRequest(
      chatCall({ dialect: 'anthropic', passthroughHeaders: { 'x-api-key': 'sk-caller' } }),
      anthropicTarget(),
    );
    expect(smuggled.headers['x-api-key']).toBe('sk-ant-secret');
  });
});
