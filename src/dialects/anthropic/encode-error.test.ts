import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Anthropic, RateLimitError } from '@anthropic-ai/sdk';
import { GatewayError } from '../../errors.ts';
import { encodeAnthropicError } from './encode-error.ts';

describe('encodeAnthropicError', () => {
  it('encodes the Anthropic error shape with the stable code added', () => {
    const encoded = encodeAnthropicError(
      new GatewayError('invalid_request', 'messages: must be an array.', { param: 'messages' }),
    );
    expect(encoded).toEqual({
      status: 400,
      headers: {},
      body: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'messages: must be an array.',
          code: 'invalid_request',
        },
      },
    });
  });

  it('maps each error family to its Anthropic type', () => {
    const type = (error: GatewayError) =>
      (encodeAnthropicError(error).body.error as { type: string }).type;
    expect(type(new GatewayError('invalid_api_key', 'm'))).toBe('authentication_error');
    expect(type(new GatewayError('model_not_allowed', 'm'))).toBe('permission_error');
    expect(type(new GatewayError('unknown_model', 'm'))).toBe('not_found_error');
    expect(type(new GatewayError('rate_limited', 'm'))).toBe('rate_limit_error');
    expect(type(new GatewayError('upstream_overloaded', 'm'))).toBe('overloaded_error');
    expect(type(new GatewayError('deadline_exceeded', 'm'))).toBe('timeout_error');
    expect(type(new GatewayError('internal_error', 'm'))).toBe('api_error');
    expect(type(new GatewayError('body_too_large', 'm'))).toBe('request_too_large');
  });

  it('sends retry-after in whole seconds when the error has one', () => {
    const encoded = encodeAnthropicError(
      new GatewayError('rate_limited', 'Slow down.', { retryAfterSeconds: 1.2 }),
    );
    expect(encoded.status).toBe(429);
    expect(encoded.headers).toEqual({ 'retry-after': '2' });
  });

  it('is parsed by the official SDK into its typed error with the code kept', async () => {
    const encoded = encodeAnthropicError(new GatewayError('rate_limited', 'Slow down.'));
    const server = createServer((_request, response) => {
      response.writeHead(encoded.status, {
        ...encoded.headers,
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(encoded.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const client = new Anthropic({
        apiKey: 'test',
        baseURL: `http://127.0.0.1:${port}`,
        maxRetries: 0,
      });
      const error = await client.messages
        .create({
          model: 'claude-haiku-5-5',
          max_tokens: 1,
          messages: [{ role: 'user', content: 'x' }],
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      const typed = error as RateLimitError;
      expect(typed.type).toBe('rate_limit_error');
      expect(typed.apiMessage).toBe('Slow down.');
      expect(typed.error).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  });
});
