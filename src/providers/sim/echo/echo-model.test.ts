import { describe, expect, it } from 'vitest';
import { answerEcho } from './echo-model.ts';
import { assistantText, chatCall, system, user } from '../sim-fixtures.ts';

describe('sim/echo', () => {
  it('echoes the last user message', () => {
    const answer = answerEcho(chatCall([user('first'), assistantText('ok'), user('second')]));
    expect(answer).toEqual({
      content: [{ type: 'text', text: 'echo: second' }],
      finishReason: 'stop',
    });
  });

  it('joins a message’s text parts with a newline and ignores images', () => {
    const call = chatCall([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
    expect(answerEcho(call).content).toEqual([{ type: 'text', text: 'echo: one\ntwo' }]);
  });

  it('answers "echo:" when there is no user text', () => {
    expect(answerEcho(chatCall([system('be nice')])).content).toEqual([
      { type: 'text', text: 'echo:' },
    ]);
    expect(answerEcho(chatCall([user('')])).content).toEqual([{ type: 'text', text: 'echo:' }]);
  });
});
