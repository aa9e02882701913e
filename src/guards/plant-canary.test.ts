import { describe, expect, it } from 'vitest';
import type { ChatCall } from '../chat/types.ts';
import { plantCanary } from './plant-canary.ts';

const TOKEN = 'rf-canary-abcdefghijklmnopqrst';

function call(messages: ChatCall['messages']): ChatCall {
  return {
    dialect: 'anthropic',
    model: 'm',
    messages,
    tools: [],
    stop: [],
    stream: false,
    includeUsage: false,
    passthrough: {},
  };
}

describe('plantCanary', () => {
  it('appends a part to the first system message, after the caller cache breakpoint', () => {
    const planted = plantCanary(
      call([
        {
          role: 'system',
          content: [{ type: 'text', text: 'You are Ringo.', cacheControl: { type: 'ephemeral' } }],
        },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ]),
      TOKEN,
    );
    const system = planted.messages[0];
    expect(system?.role).toBe('system');
    expect(system?.content[0]).toEqual({
      type: 'text',
      text: 'You are Ringo.',
      cacheControl: { type: 'ephemeral' },
    });
    expect(system?.content[1]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(system?.content[1])).toContain(TOKEN);
    expect(planted.messages).toHaveLength(2);
  });

  it('creates a system message when there is none', () => {
    const original = call([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    const planted = plantCanary(original, TOKEN);
    expect(planted.messages).toHaveLength(2);
    expect(planted.messages[0]?.role).toBe('system');
    expect(JSON.stringify(planted.messages[0])).toContain(TOKEN);
    expect(original.messages).toHaveLength(1);
  });
});
