/**
 * Canonical stream parts → Anthropic Messages SSE, event for event as the API
 * streams (https://docs.anthropic.com/en/docs/build-with-claude/streaming):
 *
 *   message_start, ping,
 *   (content_block_start, content_block_delta*, content_block_stop)*,
 *   message_delta, message_stop
 *
 * A text block opens at the first non-empty text delta and closes when a tool
 * call starts; a tool block closes when the next block starts or at finish.
 * Every event carries `event: <type>`: the SDK skips events without a name.
 * Runs per chunk, so deltas are written with templates rather than objects.
 */
import type { ChatCall, ChatStreamPart, Usage } from '../../chat/types.ts';
import type { GatewayError } from '../../errors.ts';
import { sseEvent } from '../../http/sse/write-sse.ts';
import { anthropicErrorBody } from './encode-error.ts';
import { toAnthropicStopReason } from './stop-reason.ts';
import { toAnthropicToolUseId } from './tool-use-id.ts';
import { toAnthropicUsage } from './usage.ts';

const PING = sseEvent('ping', '{"type":"ping"}');
const MESSAGE_STOP = sseEvent('message_stop', '{"type":"message_stop"}');

type OpenBlock = 'none' | 'text' | 'tool';

export class AnthropicStreamEncoder {
  readonly #call: ChatCall;
  #started = false;
  #finished = false;
  /** Index of the next content block. */
  #nextBlock = 0;
  #open: OpenBlock = 'none';
  /** Canonical tool index → content block index. */
  readonly #toolBlocks: number[] = [];

  constructor(call: ChatCall) {
    this.#call = call;
  }

  /** SSE text for one part; '' when the part produces no event. */
  encode(part: ChatStreamPart): string {
    if (this.#finished) return '';
    switch (part.type) {
      case 'start':
        if (this.#started) return '';
        return this.#start(part.id, part.model, part.usage);
      case 'text-delta': {
        if (part.text === '') return '';
        let out = this.#ensureStarted();
        if (this.#open !== 'text') {
          out += this.#closeBlock();
          out += sseEvent(
            'content_block_start',
            `{"type":"content_block_start","index":${this.#nextBlock},"content_block":{"type":"text","text":""}}`,
          );
          this.#open = 'text';
          this.#nextBlock++;
        }
        return (
          out +
          sseEvent(
            'content_block_delta',
            `{"type":"content_block_delta","index":${this.#nextBlock - 1},"delta":{"type":"text_delta","text":${JSON.stringify(part.text)}}}`,
          )
        );
      }
      case 'tool-call-start': {
        const out = this.#ensureStarted() + this.#closeBlock();
        const block = this.#nextBlock++;
        this.#toolBlocks[part.index] = block;
        this.#open = 'tool';
        const contentBlock = JSON.stringify({
          type: 'tool_use',
          id: toAnthropicToolUseId(part.id),
          name: part.name,
          input: {},
        });
        return (
          out +
          sseEvent(
            'content_block_start',
            `{"type":"content_block_start","index":${block},"content_block":${contentBlock}}`,
          )
        );
      }
      case 'tool-call-delta': {
        // A delta for a tool call that never started has no block to go to.
        const block = this.#toolBlocks[part.index];
        if (block === undefined || part.argumentsDelta === '') return '';
        // The API never interleaves blocks; should a provider interleave tool
        // calls, later deltas still name their own block (the SDK accumulates by index).
        return sseEvent(
          'content_block_delta',
          `{"type":"content_block_delta","index":${block},"delta":{"type":"input_json_delta","partial_json":${JSON.stringify(part.argumentsDelta)}}}`,
        );
      }
      case 'finish': {
        const out = this.#ensureStarted() + this.#closeBlock();
        this.#finished = true;
        const delta = {
          type: 'message_delta',
          delta: {
            stop_reason: toAnthropicStopReason(part.finishReason),
            stop_sequence: part.stopSequence ?? null,
          },
          // Counts in message_delta are cumulative; input tokens are repeated
          // here because OpenAI-compatible providers only report them at the end.
          usage: toAnthropicUsage(part.usage),
        };
        return out + sseEvent('message_delta', JSON.stringify(delta)) + MESSAGE_STOP;
      }
    }
  }

  /**
   * The in-stream error event. The SDK raises `APIError` with the body's
   * `error.type` on it (`core/streaming.ts`); no `message_stop` follows, so
   * no client mistakes the cut answer for a complete one.
   */
  fail(error: GatewayError): string {
    this.#finished = true;
    return sseEvent('error', JSON.stringify(anthropicErrorBody(error)));
  }

  #start(id: string, model: string, usage: Usage | undefined): string {
    this.#started = true;
    const message = {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: model === '' ? this.#call.model : model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: toAnthropicUsage(usage),
      },
    };
    return sseEvent('message_start', JSON.stringify(message)) + PING;
  }

  /** Providers always start with `start`; this keeps the output valid if one does not. */
  #ensureStarted(): string {
    return this.#started ? '' : this.#start('', '', undefined);
  }

  #closeBlock(): string {
    if (this.#open === 'none') return '';
    this.#open = 'none';
    return sseEvent(
      'content_block_stop',
      `{"type":"content_block_stop","index":${this.#nextBlock - 1}}`,
    );
  }
}
