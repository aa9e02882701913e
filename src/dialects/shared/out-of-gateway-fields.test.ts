import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import { parseAnthropicRequest } from '../anthropic/parse-request.ts';
import { parseOpenAiRequest } from '../openai/parse-request.ts';
import { thrownGatewayError as rejection } from '../../../test/support/thrown-gateway-error.ts';

const anthropicBody = {
  model: 'claude-haiku-5-5',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
};
const openAiBody = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };

describe('fields that make the provider act outside the gateway', () => {
  it.each([
    [
      'mcp_servers',
      [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'x' }],
      /use the gateway's MCP support/,
    ],
    ['container', 'container_011CU', /code execution runs outside the gateway/],
    ['container', { skills: [{ type: 'anthropic', skill_id: 'pptx' }] }, /code execution/],
  ])('refuses Anthropic %s with invalid_request and a clear message', (field, value, message) => {
    const error = rejection(() =>
      parseAnthropicRequest({ ...anthropicBody, [field]: value }, DEFAULT_REQUEST_LIMITS),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe(field);
    expect(error.message).toMatch(/is not supported through the gateway/);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('mcp.example.com');
  });

  it('refuses OpenAI web_search_options with invalid_request and a clear message', () => {
    const error = rejection(() =>
      parseOpenAiRequest(
        { ...openAiBody, web_search_options: { search_context_size: 'low' } },
        DEFAULT_REQUEST_LIMITS,
      ),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('web_search_options');
    expect(error.message).toBe(
      "web_search_options is not supported through the gateway: the provider's web search runs outside the gateway's policy and audit.",
    );
  });

  it('accepts them when null (not given) and never forwards them', () => {
    const anthropic = parseAnthropicRequest(
      { ...anthropicBody, mcp_servers: null, container: null },
      DEFAULT_REQUEST_LIMITS,
    );
    expect(anthropic.passthrough).toEqual({});
    const openAi = parseOpenAiRequest(
      { ...openAiBody, web_search_options: null },
      DEFAULT_REQUEST_LIMITS,
    );
    expect(openAi.passthrough).toEqual({});
  });
});
