/**
 * OpenAI `chat.completion.chunk` SSE events → canonical stream parts.
 *
 * `start` comes from the first chunk; `finish` only at `data: [DONE]`, the
 * stream's terminal event, carrying the `finish_reason` seen earlier and the
 * usage chunk's counts (zeros when a compatible server sends none). Events
 * that end without `[DONE]` (a dropped connection, even after a
 * finish_reason) are a truncated answer and throw `upstream_truncated`: the
 * SSE parser never dispatches a torn final event, so a cut anywhere shows here.
 *
 * Tool calls are keyed by the chunk's `index`; a new `id` at a known index
 * (servers that always send index 0) starts a new call, and calls without an
 * index continue the latest one. Canonical indexes are ordinals in order of
 * appearance.
 */
import { ZERO_USAGE } from '../../chat/types.ts';
import type { ChatStreamPart, FinishReason, Usage } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';
import type { JsonObject } from '../../dialects/shared/json-value.ts';
import { fromOpenAiFinishReason } from '../../dialects/openai/finish-reason.ts';
import { fromOpenAiUsage } from '../../dialects/openai/usage.ts';
import type { SseEvent } from '../types.ts';
import { openAiStreamError } from './stream-error.ts';

interface CallState {
  readonly ordinal: number;
  readonly id: string;
}

export async function* parseOpenAiStream(
  events: AsyncIterable<SseEvent>,
): AsyncGenerator<ChatStreamPart, void, undefined> {
  let started = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage = ZERO_USAGE;
  const calls = new Map<number, CallState>();
  let latest: CallState | undefined;
  let nextOrdinal = 0;
  for await (const event of events) {
    const data = event.data;
    if (data.startsWith('[DONE]')) {
      if (!started) throw badResponse('The upstream stream ended before any chunk.');
      yield { type: 'finish', finishReason: finishReason ?? 'other', usage };
      return;
    }
    const chunk = parseChunk(data, event.event === 'error');
    if (event.event === 'error' || (chunk.error !== undefined && chunk.error !== null)) {
      throw openAiStreamError(chunk);
    }
    if (!started) {
      started = true;
      yield {
        type: 'start',
        id: typeof chunk.id === 'string' ? chunk.id : '',
        model: typeof chunk.model === 'string' ? chunk.model : '',
      };
    }
    if (isRecord(chunk.usage)) usage = fromOpenAiUsage(chunk.usage);
    const choices = chunk.choices;
    if (!Array.isArray(choices)) continue;
    for (const choice of choices as readonly unknown[]) {
      // Only choice 0 exists: the gateway never asks for n > 1.
      if (!isRecord(choice) || (choice.index !== undefined && choice.index !== 0)) continue;
      const delta = choice.delta;
      if (isRecord(delta)) {
        const { content, refusal, tool_calls: toolCalls } = delta;
        if (typeof content === 'string' && content !== '')
          yield { type: 'text-delta', text: content };
        if (typeof refusal === 'string' && refusal !== '')
          yield { type: 'text-delta', text: refusal };
        if (Array.isArray(toolCalls)) {
          for (const entry of toolCalls as readonly unknown[]) {
            if (!isRecord(entry)) throw badResponse('The upstream tool call delta was malformed.');
            const upstreamIndex = typeof entry.index === 'number' ? entry.index : undefined;
            const id = typeof entry.id === 'string' && entry.id !== '' ? entry.id : undefined;
            const called = isRecord(entry.function) ? entry.function : undefined;
            let state = upstreamIndex === undefined ? latest : calls.get(upstreamIndex);
            if (state === undefined || (id !== undefined && id !== state.id)) {
              const name = called?.name;
              if (typeof name !== 'string' || name === '') {
                throw badResponse('The upstream tool call had no name.');
              }
              const ordinal = nextOrdinal++;
              state = { ordinal, id: id ?? `call_${ordinal}` };
              if (upstreamIndex !== undefined) calls.set(upstreamIndex, state);
              yield { type: 'tool-call-start', index: ordinal, id: state.id, name };
            }
            latest = state;
            const argumentsDelta = called?.arguments;
            if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
              yield { type: 'tool-call-delta', index: state.ordinal, argumentsDelta };
            }
          }
        }
      }
      if (typeof choice.finish_reason === 'string') {
        finishReason = fromOpenAiFinishReason(choice.finish_reason);
      }
    }
  }
  throw new GatewayError(
    'upstream_truncated',
    'The upstream stream ended before it was complete.',
    {
      retryable: false,
    },
  );
}

function parseChunk(data: string, isErrorEvent: boolean): JsonObject {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    if (isErrorEvent) throw openAiStreamError(undefined);
    throw badResponse('The upstream sent a stream chunk that was not valid JSON.', error);
  }
  if (!isRecord(chunk)) {
    if (isErrorEvent) throw openAiStreamError(undefined);
    throw badResponse('The upstream sent a stream chunk that was not a JSON object.');
  }
  return chunk;
}

function badResponse(message: string, cause?: unknown): GatewayError {
  return new GatewayError('upstream_bad_response', message, { retryable: true, cause });
}
