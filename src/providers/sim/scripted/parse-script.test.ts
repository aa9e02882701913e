import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors.ts';
import { MAX_SCRIPT_DEPTH, parseScript } from './parse-script.ts';

const param = 'x-ringfence-sim-response';

function failure(text: string): GatewayError {
  try {
    parseScript(text, param);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the script to be rejected');
}

describe('parsing sim/scripted scripts', () => {
  it('reads a single step as a one-step script', () => {
    expect(parseScript('{"text":"hi","finish_reason":"length"}', param)).toEqual([
      { text: 'hi', finish_reason: 'length' },
    ]);
  });

  it('reads a turn-indexed array of answer and error steps', () => {
    const script = parseScript(
      '[{"tool_calls":[{"name":"go","arguments":{"a":1}}]},{"error":{"status":429,"retry_after":2}}]',
      param,
    );
    expect(script).toEqual([
      { tool_calls: [{ name: 'go', arguments: { a: 1 } }] },
      { error: { status: 429, retry_after: 2 } },
    ]);
  });

  it.each([
    ['not json', 'it is not JSON'],
    ['[]', 'the step array is empty'],
    ['"text"', 'the script must be an object'],
    ['[{"text":"a"}, 3]', '[1] must be an object'],
    ['{"txt":"a"}', 'Unrecognized key'],
    ['{"text":5}', '.text: '],
    ['{"tool_calls":[{"arguments":{}}]}', '.tool_calls[0].name: '],
    ['{"tool_calls":[{"name":"go","arguments":[1]}]}', '.tool_calls[0].arguments: '],
    ['{"finish_reason":"done"}', '.finish_reason: '],
    ['{"usage":{"input_tokens":1}}', '.usage.output_tokens: '],
    ['{"error":{"status":200}}', '.error.status: '],
    ['{"error":{"status":500,"code":"internal_error"}}', '.error.code: '],
    ['{"error":{"status":500},"text":"x"}', 'Unrecognized key'],
  ])('rejects %j as a caller error', (text, reason) => {
    const error = failure(text);
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^The sim\/scripted response is not valid: /);
    expect(error.message).toContain(reason);
  });

  it('rejects scripts larger than 1 MiB or nested too deeply before parsing them', () => {
    expect(failure(JSON.stringify({ text: 'x'.repeat(1024 * 1024) })).message).toContain(
      'larger than 1 MiB',
    );
    const deep = `{"tool_calls":[{"name":"go","arguments":${'{"a":'.repeat(MAX_SCRIPT_DEPTH)}1${'}'.repeat(MAX_SCRIPT_DEPTH)}}]}`;
    expect(failure(deep).message).toContain('nested more than');
  });
});
