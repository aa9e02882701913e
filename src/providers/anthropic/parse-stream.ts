/**
 * Anthropic Messages SSE → canonical stream parts
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 *
 * `message_start` → `start` (with its input-token usage); text and tool_use
 * blocks → `text-delta`, `tool-call-start` (a running tool ordinal) and
 * `tool-call-delta`; `message_stop` → `finish`, combining `message_delta`'s
 * stop reason and cumulative usage with `message_start`'s. Thinking, citation
 * and server-tool blocks, `ping` and unknown events are skipped. Events that
 * end before `message_stop` throw `upstream_truncated`; an `error` event
 * throws its mapped GatewayError.
 */
import type { ChatStreamPart, FinishReason } from '../../chat/types.ts';
import { isRecord } from '../../dialects/shared/json-value.ts';
import { fromAnthropicStopReason } from '../../dialects/anthropic/stop-reason.ts';
import { GatewayError } from '../../errors.ts';
import { upstreamErrorMessage } from '../shared/upstream-error-message.ts';
import type { SseEvent } from '../types.ts';
import { classifyAnthropicErrorType } from './classify-error.ts';
import {
  mergeAnthropicCounts,
  NO_COUNTS,
  readAnthropicCounts,
  toCanonicalUsage,
} from './wire-usage.ts';
import type { AnthropicCounts } from './wire-usage.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What a content block (by its wire index) turned into. */
type BlockKind =
  { readonly kind: 'text' } | { readonly kind: 'tool'; readonly tool: number } | undefined;

export async function* parseAnthropicStream(
  events: AsyncIterable<SseEvent>,
): AsyncGenerator<ChatStreamPart, void, undefined> {
  let started = false;
  let counts: AnthropicCounts = NO_COUNTS;
  const blocks: BlockKind[] = [];
  let tools = 0;
  let finishReason: FinishReason = 'other';
  let stopSequence: string | undefined;

  for await (const event of events) {
    if (event.event === 'ping') continue;
    const data = parseData(event.data);
    const type = event.event ?? data.type;
    if (type === 'error') throw streamError(data);
    if (!started && type !== 'message_start') {
      if (isKnownEvent(type))
        throw badResponse('The upstream stream did not begin with message_start.');
      continue;
    }
    switch (type) {
      case 'message_start': {
        if (started) throw badResponse('The upstream stream repeated message_start.');
        started = true;
        const message = isRecord(data.message) ? data.message : {};
        counts = readAnthropicCounts(message.usage);
        yield {
          type: 'start',
          id: typeof message.id === 'string' ? message.id : '',
          model: typeof message.model === 'string' ? message.model : '',
          usage: toCanonicalUsage(counts),
        };
        break;
      }
      case 'content_block_start': {
        const index = blockIndex(data.index);
        const block = isRecord(data.content_block) ? data.content_block : undefined;
        if (block?.type === 'text') {
          blocks[index] = { kind: 'text' };
          if (typeof block.text === 'string' && block.text !== '') {
            yield { type: 'text-delta', text: block.text };
          }
        } else if (block?.type === 'tool_use') {
          if (typeof block.id !== 'string' || typeof block.name !== 'string') {
            throw badResponse('The upstream stream has a malformed tool_use block.');
          }
          const tool = tools++;
          blocks[index] = { kind: 'tool', tool };
          yield { type: 'tool-call-start', index: tool, id: block.id, name: block.name };
        }
        break;
      }
      case 'content_block_delta': {
        const target = blocks[blockIndex(data.index)];
        const delta = isRecord(data.delta) ? data.delta : undefined;
        if (target === undefined || delta === undefined) break;
        if (target.kind === 'text' && delta.type === 'text_delta') {
          if (typeof delta.text === 'string' && delta.text !== '') {
            yield { type: 'text-delta', text: delta.text };
          }
        } else if (target.kind === 'tool' && delta.type === 'input_json_delta') {
          // The API opens each tool block with an empty partial_json.
          if (typeof delta.partial_json === 'string' && delta.partial_json !== '') {
            yield {
              type: 'tool-call-delta',
              index: target.tool,
              argumentsDelta: delta.partial_json,
            };
          }
        }
        break;
      }
      case 'message_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        finishReason = fromAnthropicStopReason(delta.stop_reason);
        stopSequence = typeof delta.stop_sequence === 'string' ? delta.stop_sequence : undefined;
        counts = mergeAnthropicCounts(counts, readAnthropicCounts(data.usage));
        break;
      }
      case 'message_stop': {
        const finish: Writable<Extract<ChatStreamPart, { type: 'finish' }>> = {
          type: 'finish',
          finishReason,
          usage: toCanonicalUsage(counts),
        };
        if (stopSequence !== undefined) finish.stopSequence = stopSequence;
        yield finish;
        return;
      }
      default:
        // content_block_stop, and event types added after this was written.
        break;
    }
  }
  throw new GatewayError(
    'upstream_truncated',
    'The upstream stream ended before the answer was complete.',
    {
      retryable: true,
    },
  );
}

function parseData(text: string): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError('upstream_bad_response', 'The upstream sent a malformed stream event.', {
      cause: error,
      retryable: true,
    });
  }
  if (!isRecord(value)) throw badResponse('The upstream sent a malformed stream event.');
  return value;
}

function blockIndex(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 100_000) {
    throw badResponse('The upstream stream has a malformed content block index.');
  }
  return value;
}

function isKnownEvent(type: unknown): boolean {
  return (
    type === 'content_block_start' ||
    type === 'content_block_delta' ||
    type === 'content_block_stop' ||
    type === 'message_delta' ||
    type === 'message_stop'
  );
}

function streamError(data: Readonly<Record<string, unknown>>): GatewayError {
  const type = isRecord(data.error) ? data.error.type : undefined;
  const failure = classifyAnthropicErrorType(type);
  return new GatewayError(failure.code, upstreamErrorMessage(failure.code), {
    retryable: failure.retryable,
    cause: typeof type === 'string' ? `anthropic stream error: ${type.slice(0, 64)}` : undefined,
  });
}

function badResponse(message: string): GatewayError {
  return new GatewayError('upstream_bad_response', message, { retryable: true });
}
