import { describe, it, expect } from 'vitest';
import { classifyOpenAiError } from './classify-error.ts';

function openAiError(message: string, code: string | null = null, type = 'invalid_request_error') {
  return { error: { message, type, param: null, code } };
}

describe('classifyOpenAiError', () => {
  it.each([
    [401, 'upstream_auth_failed', false],
    [403, 'upstream_auth_failed', false],
    [404, 'upstream_model_unavailable', true],
    [408, 'upstream_timeout', true],
    [409, 'upstream_error', true],
    [429, 'upstream_rate_limited', true],
    [500, 'upstream_error', true],
    [502, 'upstream_error', true],
    [503, 'upstream_overloaded', true],
    [504, 'upstream_timeout', true],
    [402, 'upstream_error', false],
  ] as const)('classifies status %i as %s (retryable: %s)', (status, code, retryable) => {
    expect(classifyOpenAiError(status, openAiError('failed'), {})).toEqual({ code, retryable });
  });

  it('does not pass the upstream text on for authentication failures', () => {
    const failure = classifyOpenAiError(401, openAiError('Incorrect API key provided: sk-abc'), {});
    expect(failure).not.toHaveProperty('message');
  });

  it.each([400, 413, 422])('passes a scrubbed upstream message for status %i', (status) => {
    const failure = classifyOpenAiError(
      status,
      openAiError("This model's maximum context length is 128000 tokens."),
      {},
    );
    expect(failure).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
      message: "This model's maximum context length is 128000 tokens.",
    });
  });

  it('treats model_not_found and deprecated-model codes as an unavailable model at any status', () => {
    for (const code of ['model_not_found', 'model_deprecated', 'DeploymentNotFound']) {
      expect(classifyOpenAiError(400, openAiError('gone', code), {})).toEqual({
        code: 'upstream_model_unavailable',
        retryable: true,
      });
    }
  });

  it('passes the retry-after-ms delay on with retryable failures', () => {
    expect(classifyOpenAiError(429, undefined, { 'retry-after-ms': '1500.5' })).toEqual({
      code: 'upstream_rate_limited',
      retryable: true,
      retryAfterMs: 1501,
    });
    expect(classifyOpenAiError(503, undefined, { 'retry-after': '2' }).retryAfterMs).toBe(2000);
  });

  it('reads plain-text and top-level error bodies of compatible servers', () => {
    expect(classifyOpenAiError(400, 'bad prompt format', {}).message).toBe('bad prompt format');
    expect(
      classifyOpenAiError(
        400,
        { object: 'error', message: 'too long', type: 'BadRequestError', code: 400 },
        {},
      ).message,
    ).toBe('too long');
    expect(classifyOpenAiError(400, { error: 'plain' }, {}).message).toBe('plain');
    expect(classifyOpenAiError(400, undefined, {})).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
    });
  });
});
