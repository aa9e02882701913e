import { describe, expect, it } from 'vitest';
import { createRequestChecks } from './request-checks.ts';
import { thrownGatewayError as failure } from '../../../test/support/thrown-gateway-error.ts';

const checks = createRequestChecks((param, problem) => `${param}: ${problem}`);

describe('createRequestChecks', () => {
  it('words each failure with the dialect format and names the field in param', () => {
    const error = failure(() => checks.readString(7, 'messages.0.content', 10));
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('messages.0.content');
    expect(error.message).toBe('messages.0.content: must be a string.');
    const openAi = createRequestChecks((param, problem) => `${param} ${problem}`);
    expect(failure(() => openAi.readArray({}, 'messages[0].tool_calls')).message).toBe(
      'messages[0].tool_calls must be an array.',
    );
  });

  it('bounds strings, numbers and integers', () => {
    expect(failure(() => checks.readString('', 'model', 5, 1)).message).toBe(
      'model: must not be empty.',
    );
    expect(failure(() => checks.readString('abcdef', 'model', 5)).message).toBe(
      'model: must be at most 5 characters.',
    );
    expect(failure(() => checks.readNumber(Number.NaN, 'top_p', 0, 1)).message).toBe(
      'top_p: must be a number.',
    );
    expect(failure(() => checks.readNumber(2, 'top_p', 0, 1)).message).toBe(
      'top_p: must be between 0 and 1.',
    );
    expect(failure(() => checks.readInteger(1.5, 'max_tokens', 0)).message).toBe(
      'max_tokens: must be a non-negative integer.',
    );
    expect(checks.readInteger(0, 'max_tokens', 0)).toBe(0);
  });

  it('reads null and undefined as not given for optional fields only', () => {
    expect(checks.readOptionalString(null, 'user', 5)).toBeUndefined();
    expect(checks.readOptionalBoolean(undefined, 'stream')).toBeUndefined();
    expect(checks.readOptionalNumber(null, 'temperature', 0, 1)).toBeUndefined();
    expect(checks.readOptionalInteger(null, 'max_tokens', 1)).toBeUndefined();
    expect(checks.readOptionalObject(null, 'metadata')).toBeUndefined();
    expect(failure(() => checks.readBoolean(null, 'stream')).message).toBe(
      'stream: must be a boolean.',
    );
  });

  it('carries the code it is given', () => {
    expect(
      checks.invalid('tools', 'must contain at most 1 tools.', 'invalid_tool_schema').code,
    ).toBe('invalid_tool_schema');
  });
});
