import { describe, expect, it } from 'vitest';
import {
  countInputCharacters,
  countOutputCharacters,
  estimateTokens,
  estimateUsage,
} from './count-tokens.ts';
import { assistantCall, chatCall, system, tool, toolResult, user } from './sim-fixtures.ts';

describe('token estimates', () => {
  it('counts one token per four characters, rounded up', () => {
    expect(estimateTokens(0)).toBe(0);
    expect(estimateTokens(1)).toBe(1);
    expect(estimateTokens(8)).toBe(2);
    expect(estimateTokens(9)).toBe(3);
  });

  it('counts message text, tool calls, tool results and tool definitions as input', () => {
    const definition = tool('go');
    const call = chatCall(
      [system('abcd'), user('ef'), assistantCall('c1', 'go', '{}'), toolResult('c1', 'xyz')],
      { tools: [definition] },
    );
    const schemaLength = JSON.stringify(definition.parameters).length;
    const description = definition.description ?? '';
    expect(countInputCharacters(call)).toBe(
      4 + 2 + (2 + 2) + 3 + 2 + description.length + schemaLength,
    );
  });

  it('counts answer text, tool names and arguments as output', () => {
    expect(
      countOutputCharacters([
        { type: 'text', text: 'hello' },
        { type: 'tool-call', id: 'x', name: 'go', arguments: '{"a":1}' },
      ]),
    ).toBe(5 + 2 + 7);
  });

  it('derives usage from both', () => {
    expect(estimateUsage(chatCall([user('12345678')]), [{ type: 'text', text: 'abc' }])).toEqual({
      inputTokens: 2,
      outputTokens: 1,
    });
  });
});
