import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../chat/limits.ts';
import { DIALECTS } from '../dialect.ts';
import { readAnthropicBeta } from './anthropic-beta.ts';
import { parseAnthropicRequest } from './parse-request.ts';
import { thrownGatewayError } from '../../../test/support/thrown-gateway-error.ts';

const body = {
  model: 'claude-haiku-5-5',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
};

describe('readAnthropicBeta', () => {
  it('normalizes the list: no blanks, no repeats, comma-joined', () => {
    expect(readAnthropicBeta('prompt-caching-2024-07-31')).toBe('prompt-caching-2024-07-31');
    expect(readAnthropicBeta(' a-1 , b-2,,a-1 ')).toBe('a-1,b-2');
    expect(readAnthropicBeta(['a-1', 'b-2, c-3'])).toBe('a-1,b-2,c-3');
  });

  it('treats an absent or empty header as no betas', () => {
    expect(readAnthropicBeta(undefined)).toBeUndefined();
    expect(readAnthropicBeta(' , ')).toBeUndefined();
  });

  it.each([
    ['uppercase letters', 'Prompt-Caching'],
    ['other characters', 'a;b'],
    ['a header-injection attempt', 'a\r\nx-api-key: sk-1'],
    ['an overlong name', 'a'.repeat(65)],
    ['an overlong header', `${'a,'.repeat(600)}a`],
    ['too many betas', Array.from({ length: 33 }, (_, index) => `beta-${index}`).join(',')],
  ])('rejects %s as invalid_request on the anthropic-beta param', (_name, value) => {
    const error = thrownGatewayError(() => readAnthropicBeta(value));
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('anthropic-beta');
    expect(error.message).not.toContain('sk-1');
  });
});

describe('the anthropic-beta header on a parsed call', () => {
  it('is kept in passthroughHeaders when the caller sent one', () => {
    const call = parseAnthropicRequest(body, DEFAULT_REQUEST_LIMITS, {
      anthropicBeta: 'context-1m-2025-08-07',
    });
    expect(call.passthroughHeaders).toEqual({ 'anthropic-beta': 'context-1m-2025-08-07' });
  });

  it('is absent without the header', () => {
    expect(parseAnthropicRequest(body, DEFAULT_REQUEST_LIMITS)).not.toHaveProperty(
      'passthroughHeaders',
    );
  });

  it('is read from the request headers by the Anthropic codec and ignored by the OpenAI one', () => {
    const headers = { 'anthropic-beta': 'a-1', authorization: 'Bearer sk-1' };
    expect(
      DIALECTS.anthropic.parseRequest(body, DEFAULT_REQUEST_LIMITS, headers).passthroughHeaders,
    ).toEqual({
      'anthropic-beta': 'a-1',
    });
    const openAi = DIALECTS.openai.parseRequest(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
      DEFAULT_REQUEST_LIMITS,
      headers,
    );
    expect(openAi).not.toHaveProperty('passthroughHeaders');
  });
});
