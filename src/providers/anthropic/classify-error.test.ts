import { describe, expect, it } from 'vitest';
import { classifyAnthropicError, classifyAnthropicErrorType } from './classify-error.ts';

function error(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: 'req_1' };
}

describe('classifyAnthropicError', () => {
  it('treats 429 as a retryable rate limit with the retry-after delay', () => {
    expect(
      classifyAnthropicError(429, error('rate_limit_error', 'slow'), { 'retry-after': '12' }),
    ).toEqual({ code: 'upstream_rate_limited', retryable: true, retryAfterMs: 12_000 });
  });

  it('treats 529, 503 and overloaded_error as retryable overload', () => {
    expect(classifyAnthropicError(529, error('overloaded_error', 'Overloaded'), {})).toEqual({
      code: 'upstream_overloaded',
      retryable: true,
    });
    expect(classifyAnthropicError(503, undefined, {}).code).toBe('upstream_overloaded');
    expect(classifyAnthropicError(500, error('overloaded_error', 'x'), {}).code).toBe(
      'upstream_overloaded',
    );
  });

  it('treats other 5xx, 408 and 409 as retryable', () => {
    expect(classifyAnthropicError(500, error('api_error', 'x'), {})).toEqual({
      code: 'upstream_error',
      retryable: true,
    });
    expect(classifyAnthropicError(504, undefined, {})).toEqual({
      code: 'upstream_timeout',
      retryable: true,
    });
    expect(classifyAnthropicError(408, undefined, {}).retryable).toBe(true);
    expect(classifyAnthropicError(409, undefined, {})).toEqual({
      code: 'upstream_error',
      retryable: true,
    });
  });

  it('treats 401 and 403 as auth failures without retry or message', () => {
    for (const status of [401, 403]) {
      expect(
        classifyAnthropicError(
          status,
          error('authentication_error', 'invalid x-api-key sk-ant-api03-abc'),
          {},
        ),
      ).toEqual({ code: 'upstream_auth_failed', retryable: false });
    }
  });

  it('treats a 404 for the model as unavailable so routing falls back', () => {
    expect(classifyAnthropicError(404, error('not_found_error', 'model: claude-2.0'), {})).toEqual({
      code: 'upstream_model_unavailable',
      retryable: true,
    });
  });

  it('treats a 400 about a deprecated or retired model as unavailable', () => {
    expect(
      classifyAnthropicError(
        400,
        error(
          'invalid_request_error',
          'The model claude-2.1 is deprecated and no longer available.',
        ),
        {},
      ),
    ).toEqual({ code: 'upstream_model_unavailable', retryable: true });
  });

  it('passes a scrubbed, capped provider message for invalid requests', () => {
    const failure = classifyAnthropicError(
      400,
      error('invalid_request_error', 'prompt is too long: 250000 tokens > 200000 maximum'),
      {},
    );
    expect(failure).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
      message: 'prompt is too long: 250000 tokens > 200000 maximum',
    });
    expect(classifyAnthropicError(413, error('request_too_large', 'too big'), {}).code).toBe(
      'upstream_invalid_request',
    );
    expect(classifyAnthropicError(422, 'not json', {})).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
    });
  });

  it('does not retry other 4xx statuses', () => {
    expect(classifyAnthropicError(405, undefined, {})).toEqual({
      code: 'upstream_error',
      retryable: false,
    });
  });
});

describe('classifyAnthropicErrorType', () => {
  it('maps stream error types to gateway codes', () => {
    expect(classifyAnthropicErrorType('overloaded_error')).toEqual({
      code: 'upstream_overloaded',
      retryable: true,
    });
    expect(classifyAnthropicErrorType('rate_limit_error').code).toBe('upstream_rate_limited');
    expect(classifyAnthropicErrorType('api_error')).toEqual({
      code: 'upstream_error',
      retryable: true,
    });
    expect(classifyAnthropicErrorType('invalid_request_error').code).toBe(
      'upstream_invalid_request',
    );
    expect(classifyAnthropicErrorType(undefined).code).toBe('upstream_error');
  });
});
