import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.ts';
import { parseAnthropicResponse } from './parse-response.ts';

describe('parseAnthropicResponse', () => {
  it('parses a Message with text, tool use, thinking and cache usage', () => {
    const result = parseAnthropicResponse({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-5-5',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 's' },
        { type: 'text', text: 'Checking.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 4,
        cache_creation_input_tokens: 2,
        cache_read_input_tokens: 6,
        service_tier: 'standard',
      },
    });
    expect(result).toEqual({
      id: 'msg_1',
      model: 'claude-haiku-5-5',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool-calls',
      // Canonical input is the whole prompt: Anthropic's uncached 10 + 2 written + 6 read.
      usage: { inputTokens: 18, outputTokens: 4, cacheWriteTokens: 2, cacheReadTokens: 6 },
    });
  });

  it('counts cache reads and writes into the input tokens', () => {
    const usage = (wire: Record<string, unknown>) =>
      parseAnthropicResponse({ id: 'm', model: 'x', content: [], usage: wire }).usage;
    expect(usage({ input_tokens: 3, output_tokens: 1, cache_read_input_tokens: 1000 })).toEqual({
      inputTokens: 1003,
      outputTokens: 1,
      cacheReadTokens: 1000,
    });
    expect(usage({ input_tokens: 3, output_tokens: 1, cache_creation_input_tokens: null })).toEqual(
      { inputTokens: 3, outputTokens: 1 },
    );
  });

  it('maps stop reasons and keeps the stop sequence', () => {
    const parse = (stopReason: string, stopSequence: string | null = null) =>
      parseAnthropicResponse({
        id: 'm',
        model: 'x',
        content: [],
        stop_reason: stopReason,
        stop_sequence: stopSequence,
        usage: { input_tokens: 0, output_tokens: 0 },
      });
    expect(parse('end_turn').finishReason).toBe('stop');
    expect(parse('max_tokens').finishReason).toBe('length');
    expect(parse('model_context_window_exceeded').finishReason).toBe('length');
    expect(parse('refusal').finishReason).toBe('content-filter');
    expect(parse('pause_turn').finishReason).toBe('other');
    const stopped = parse('stop_sequence', 'END');
    expect(stopped.finishReason).toBe('stop-sequence');
    expect(stopped.stopSequence).toBe('END');
  });

  it('rejects bodies that are not messages as upstream_bad_response', () => {
    for (const body of [null, 'text', { content: 'x' }, { content: [{ type: 'text', text: 5 }] }]) {
      expect(() => parseAnthropicResponse(body)).toThrow(GatewayError);
      try {
        parseAnthropicResponse(body);
      } catch (error) {
        expect((error as GatewayError).code).toBe('upstream_bad_response');
      }
    }
  });
});
