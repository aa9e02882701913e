import { describe, it, expect } from 'vitest';
import { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { encodeOpenAiError } from './encode-error.ts';

describe('encodeOpenAiError', () => {
  it('encodes the status and the OpenAI error body with our stable code and param', () => {
    const encoded = encodeOpenAiError(
      new GatewayError('invalid_request', 'messages[1].content must be a string.', {
        param: 'messages[1].content',
      }),
    );
    expect(encoded).toEqual({
      status: 400,
      headers: {},
      body: {
        error: {
          message: 'messages[1].content must be a string.',
          type: 'invalid_request_error',
          param: 'messages[1].content',
          code: 'invalid_request',
        },
      },
    });
  });

  it.each([
    ['invalid_api_key', 401, 'invalid_request_error'],
    ['model_not_allowed', 403, 'invalid_request_error'],
    ['unknown_model', 404, 'invalid_request_error'],
    ['rate_limited', 429, 'requests'],
    ['upstream_overloaded', 503, 'server_error'],
    ['upstream_timeout', 504, 'server_error'],
    ['internal_error', 500, 'server_error'],
  ] as const satisfies readonly (readonly [ErrorCode, number, string])[])(
    'maps %s to status %i and type %s',
    (code, status, type) => {
      const encoded = encodeOpenAiError(new GatewayError(code, 'failed'));
      expect(encoded.status).toBe(status);
      expect(encoded.body).toEqual({ error: { message: 'failed', type, param: null, code } });
    },
  );

  it('sets retry-after in whole seconds when the error says how long to wait', () => {
    const encoded = encodeOpenAiError(
      new GatewayError('rate_limited', 'slow down', { retryAfterSeconds: 1.2 }),
    );
    expect(encoded.headers).toEqual({ 'retry-after': '2' });
  });
});
