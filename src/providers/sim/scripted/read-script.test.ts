import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors.ts';
import { chatCall, user } from '../sim-fixtures.ts';
import { readScript, SIM_RESPONSE_HEADER } from './read-script.ts';

function encode(script: unknown): string {
  return Buffer.from(JSON.stringify(script), 'utf8').toString('base64url');
}

function failure(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('reading the sim/scripted script', () => {
  it('decodes base64url JSON from the header, padded or not, including non-ASCII text', () => {
    const header = encode({ text: 'héllo 😀' });
    expect(readScript(chatCall([]), { [SIM_RESPONSE_HEADER]: header })).toEqual([
      { text: 'héllo 😀' },
    ]);
    const padded = Buffer.from('{"text":"a"}')
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(readScript(chatCall([]), { [SIM_RESPONSE_HEADER]: padded })).toEqual([{ text: 'a' }]);
  });

  it('prefers the header over metadata', () => {
    const call = chatCall([user('x')], { metadata: { sim_response: '{"text":"from metadata"}' } });
    expect(readScript(call, { [SIM_RESPONSE_HEADER]: encode({ text: 'from header' }) })).toEqual([
      { text: 'from header' },
    ]);
    expect(readScript(call, {})).toEqual([{ text: 'from metadata' }]);
  });

  it('names the metadata field when a metadata script is invalid', () => {
    const call = chatCall([], { metadata: { sim_response: '{"text":1}' } });
    expect(failure(() => readScript(call, {})).param).toBe('metadata.sim_response');
  });

  it('rejects a header that is not base64url or not UTF-8', () => {
    const notBase64 = failure(() =>
      readScript(chatCall([]), { [SIM_RESPONSE_HEADER]: '{"text":"a"}' }),
    );
    expect(notBase64.code).toBe('invalid_request');
    expect(notBase64.message).toContain('not base64url');
    const notUtf8 = failure(() =>
      readScript(chatCall([]), {
        [SIM_RESPONSE_HEADER]: Buffer.from([0xff, 0xfe]).toString('base64url'),
      }),
    );
    expect(notUtf8.message).toContain('not UTF-8');
    expect(notUtf8.param).toBe(SIM_RESPONSE_HEADER);
  });

  it('explains how to provide a script when there is none', () => {
    const error = failure(() => readScript(chatCall([]), { [SIM_RESPONSE_HEADER]: '' }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(SIM_RESPONSE_HEADER);
    expect(error.message).toContain('metadata.sim_response');
  });
});
