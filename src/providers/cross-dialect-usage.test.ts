/**
 * Token usage across dialects. Canonical `inputTokens` is the whole prompt
 * (OpenAI's `prompt_tokens`); Anthropic's `input_tokens` excludes cache reads
 * and writes. Whatever the provider and the caller's dialect, the caller must
 * see its own API's meaning of the counts.
 */
import { describe, expect, it } from 'vitest';
import type { ChatStreamPart } from '../chat/types.ts';
import { encodeAnthropicResponse } from '../dialects/anthropic/encode-response.ts';
import { AnthropicStreamEncoder } from '../dialects/anthropic/encode-stream.ts';
import { encodeOpenAiResponse } from '../dialects/openai/encode-response.ts';
import { parseSse } from '../http/sse/parse-sse.ts';
import { chatCall } from '../../test/support/canonical-fixtures.ts';
import { anthropicAdapter } from './anthropic/anthropic-adapter.ts';
import { openAiAdapter } from './openai/adapter.ts';
import { oneByOne } from '../../test/support/async-chunks.ts';

const anthropicAnswer = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-5-5',
  content: [{ type: 'text', text: 'Hi.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 12,
    cache_creation_input_tokens: 300,
    cache_read_input_tokens: 2000,
    output_tokens: 5,
  },
};

const openAiAnswer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi.' }, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 2048,
    completion_tokens: 5,
    total_tokens: 2053,
    prompt_tokens_details: { cached_tokens: 1920 },
  },
};

const anthropicCall = chatCall({ dialect: 'anthropic', model: 'alias', includeUsage: true });
const openAiCall = chatCall({ dialect: 'openai', model: 'alias' });

describe('usage across dialects', () => {
  it('reads Anthropic counts as a whole prompt of which the cache counts are parts', () => {
    expect(anthropicAdapter.parseResponse(anthropicAnswer).usage).toEqual({
      inputTokens: 2312,
      outputTokens: 5,
      cacheReadTokens: 2000,
      cacheWriteTokens: 300,
    });
  });

  it('reads OpenAI prompt_tokens as the whole prompt and cached_tokens as the part read', () => {
    expect(openAiAdapter.parseResponse(openAiAnswer).usage).toEqual({
      inputTokens: 2048,
      outputTokens: 5,
      cacheReadTokens: 1920,
    });
  });

  it('gives an OpenAI caller served by Anthropic prompt_tokens with the cache counts included', () => {
    const encoded = encodeOpenAiResponse(
      anthropicAdapter.parseResponse(anthropicAnswer),
      openAiCall,
    );
    expect(encoded.usage).toMatchObject({
      prompt_tokens: 2312,
      completion_tokens: 5,
      total_tokens: 2317,
      prompt_tokens_details: { cached_tokens: 2000, cache_write_tokens: 300 },
    });
  });

  it('gives an Anthropic caller served by OpenAI input_tokens without the cached part', () => {
    const encoded = encodeAnthropicResponse(
      openAiAdapter.parseResponse(openAiAnswer),
      anthropicCall,
    );
    expect(encoded.usage).toEqual({
      input_tokens: 128,
      output_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1920,
    });
  });

  it('gives an Anthropic caller served by Anthropic the counts exactly as the upstream sent them', () => {
    const encoded = encodeAnthropicResponse(
      anthropicAdapter.parseResponse(anthropicAnswer),
      anthropicCall,
    );
    expect(encoded.usage).toEqual(anthropicAnswer.usage);
  });

  it('keeps the meaning in streams: an OpenAI usage chunk becomes Anthropic message_delta counts', async () => {
    const chunk = (body: Record<string, unknown>): string =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'gpt-4o', ...body })}\n\n`;
    const upstream = [
      chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi.' } }] }),
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
      chunk({ choices: [], usage: openAiAnswer.usage }),
      'data: [DONE]\n\n',
    ];
    const encoder = new AnthropicStreamEncoder(anthropicCall);
    let text = '';
    const parts: ChatStreamPart[] = [];
    for await (const part of openAiAdapter.parseStream(parseSse(oneByOne(upstream)))) {
      parts.push(part);
      text += encoder.encode(part);
    }
    const delta = text.split('\n').find((line) => line.startsWith('data: {"type":"message_delta"'));
    expect(JSON.parse(delta?.slice('data: '.length) ?? '{}')).toMatchObject({
      usage: { input_tokens: 128, cache_read_input_tokens: 1920, output_tokens: 5 },
    });
    expect(parts.at(-1)).toMatchObject({ usage: { inputTokens: 2048, cacheReadTokens: 1920 } });
  });
});
