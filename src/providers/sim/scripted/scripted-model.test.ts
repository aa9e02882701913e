import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors.ts';
import { assistantCall, assistantText, chatCall, toolResult, user } from '../sim-fixtures.ts';
import { SIM_RESPONSE_HEADER } from './read-script.ts';
import { answerScripted } from './scripted-model.ts';

function headers(script: unknown): Readonly<Record<string, string>> {
  return { [SIM_RESPONSE_HEADER]: Buffer.from(JSON.stringify(script)).toString('base64url') };
}

describe('sim/scripted', () => {
  it('returns the scripted text with a stop finish', () => {
    expect(answerScripted(chatCall([user('hi')]), headers({ text: 'Recorded answer.' }))).toEqual({
      content: [{ type: 'text', text: 'Recorded answer.' }],
      finishReason: 'stop',
    });
  });

  it('returns scripted tool calls with object or verbatim string arguments and deterministic ids', () => {
    const script = {
      tool_calls: [
        { name: 'search', arguments: { q: 'cats' } },
        { id: 'call_given', name: 'broken', arguments: '{"unterminated' },
      ],
    };
    const answer = answerScripted(chatCall([user('hi')]), headers(script));
    expect(answer.finishReason).toBe('tool-calls');
    const [first] = answer.content;
    expect(first?.type === 'tool-call' ? first.id : '').toMatch(/^call_sim_[0-9a-f]{24}$/);
    expect(answer.content).toEqual([
      {
        type: 'tool-call',
        id: first?.type === 'tool-call' ? first.id : '',
        name: 'search',
        arguments: '{"q":"cats"}',
      },
      { type: 'tool-call', id: 'call_given', name: 'broken', arguments: '{"unterminated' },
    ]);
    expect(answerScripted(chatCall([user('hi')]), headers(script))).toEqual(answer);
  });

  it('keeps text beside tool calls and maps finish reasons and usage', () => {
    const answer = answerScripted(
      chatCall([user('hi')]),
      headers({
        text: 'Let me look.',
        tool_calls: [{ name: 'search', arguments: {} }],
        finish_reason: 'tool_use',
        usage: { input_tokens: 11, output_tokens: 7 },
      }),
    );
    expect(answer.content.map((part) => part.type)).toEqual(['text', 'tool-call']);
    expect(answer.finishReason).toBe('tool-calls');
    expect(answer.usage).toEqual({ inputTokens: 11, outputTokens: 7 });
  });

  it('picks the step by the number of assistant turns, repeating the last beyond the end', () => {
    const script = headers([
      { tool_calls: [{ name: 'search', arguments: { q: 'x' } }] },
      { text: 'Done.' },
    ]);
    const first = chatCall([user('go')]);
    const second = chatCall([
      user('go'),
      assistantCall('c1', 'search', '{}'),
      toolResult('c1', 'ok'),
    ]);
    const third = chatCall([...second.messages, assistantText('Done.'), user('again')]);
    expect(answerScripted(first, script).finishReason).toBe('tool-calls');
    expect(answerScripted(second, script).content).toEqual([{ type: 'text', text: 'Done.' }]);
    expect(answerScripted(third, script).content).toEqual([{ type: 'text', text: 'Done.' }]);
  });

  it('throws the retryable upstream error an error step describes', () => {
    const run = (): unknown =>
      answerScripted(chatCall([user('x')]), headers({ error: { status: 529 } }));
    expect(run).toThrow(GatewayError);
    expect(run).toThrow(expect.objectContaining({ code: 'upstream_overloaded', retryable: true }));
  });

  it('reads the script from metadata as plain JSON', () => {
    const call = chatCall([user('x')], { metadata: { sim_response: '{"text":"meta"}' } });
    expect(answerScripted(call, {}).content).toEqual([{ type: 'text', text: 'meta' }]);
  });
});
