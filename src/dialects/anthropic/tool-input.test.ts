import { describe, expect, it } from 'vitest';
import { toolArgumentsToRequestInput, toolArgumentsToResponseInput } from './tool-input.ts';

describe('tool arguments to Anthropic input', () => {
  it('parses a JSON object', () => {
    expect(toolArgumentsToResponseInput('{"a":1}')).toEqual({ a: 1 });
    expect(toolArgumentsToRequestInput('{"a":1}')).toEqual({ a: 1 });
  });

  it('treats empty arguments as an empty object', () => {
    expect(toolArgumentsToResponseInput('')).toEqual({});
    expect(toolArgumentsToRequestInput('  ')).toEqual({});
  });

  it('wraps broken or non-object JSON as _raw in answers', () => {
    expect(toolArgumentsToResponseInput('{"a":')).toEqual({ _raw: '{"a":' });
    expect(toolArgumentsToResponseInput('[1]')).toEqual({ _raw: '[1]' });
  });

  it('replays broken or non-object JSON as an empty object in history', () => {
    expect(toolArgumentsToRequestInput('{"a":')).toEqual({});
    expect(toolArgumentsToRequestInput('"text"')).toEqual({});
  });
});
