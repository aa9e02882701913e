/**
 * What an Anthropic caller's prompt-caching breakpoints and beta opt-ins
 * become in the upstream request: kept as given, never added to, and the
 * betas only for a caller who spoke Anthropic.
 */
import { describe, expect, it } from 'vitest';
import type { CacheControl, ChatCall } from '../../chat/types.ts';
import { anthropicTarget, chatCall, userText } from '../../../test/support/canonical-fixtures.ts';
import {
  CACHED_CANONICAL,
  CACHED_WIRE_REQUEST,
} from '../../../test/support/cache-control-fixtures.ts';
import { buildAnthropicRequest } from './build-request.ts';

const ephemeral: CacheControl = { type: 'ephemeral' };

function body(call: ChatCall): Record<string, unknown> {
  return JSON.parse(buildAnthropicRequest(call, anthropicTarget()).body) as Record<string, unknown>;
}

describe('buildAnthropicRequest with cache breakpoints', () => {
  it('sends each breakpoint as cache_control on its block or tool, for callers of either dialect', () => {
    for (const dialect of ['anthropic', 'openai'] as const) {
      const built = body(chatCall({ dialect, ...CACHED_CANONICAL }));
      expect(built.system).toEqual(CACHED_WIRE_REQUEST.system);
      expect(built.tools).toEqual(CACHED_WIRE_REQUEST.tools);
      expect(built.messages).toEqual(CACHED_WIRE_REQUEST.messages);
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
