/**
 * Encodes canonical stream parts as OpenAI `chat.completion.chunk` SSE events,
 * in the sequence the real API sends (API reference, "The chat completion
 * chunk object"; "Streaming"):
 *
 *   {delta: {role: "assistant", content: "", refusal: null}}
 *   {delta: {content: "…"}}                                  per text delta
 *   {delta: {tool_calls: [{index, id, type, function: {name, arguments: ""}}]}}
 *   {delta: {tool_calls: [{index, function: {arguments: "…"}}]}}
 *   {delta: {}, finish_reason: "…"}
 *   {choices: [], usage: {…}}                 only with stream_options.include_usage
 *   [DONE]
 *
 * With `include_usage` every other chunk carries `"usage": null`, as OpenAI's
 * do. Runs once per streamed token, so each chunk is assembled from
 * precomputed JSON text around the one `JSON.stringify` of the new content.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCall, ChatStreamPart, FinishReason, Usage } from '../../chat/types.ts';
import type { GatewayError } from '../../errors.ts';
import { toOpenAiErrorBody } from './error-body.ts';
import { toOpenAiFinishReason } from './finish-reason.ts';
import { toOpenAiUsage } from './usage.ts';

const ROLE_DELTA = '{"role":"assistant","content":"","refusal":null}';
const DONE = 'data: [DONE]\n\n';

export class OpenAiStreamEncoder {
  readonly #call: ChatCall;
  /** `data: {"id":…,"object":…,"created":…,"model":…,` shared by every chunk; set by `start`. */
  #envelope = '';
  /** The envelope plus the opening of choice 0, up to its `delta` value. */
  #head = '';
  /** Closes a choice chunk without a finish reason. */
  #tail: string;
  #done = false;

  constructor(call: ChatCall) {
    this.#call = call;
    this.#tail = call.includeUsage
      ? ',"logprobs":null,"finish_reason":null}],"usage":null}\n\n'
      : ',"logprobs":null,"finish_reason":null}]}\n\n';
  }

  /** The SSE text for one part (empty once the stream has finished). */
  encode(part: ChatStreamPart): string {
    if (this.#done) return '';
    if (part.type === 'start') return this.#begin(part.id, part.model);
    // A well-formed stream starts with `start`; be robust to one that does not.
    const prefix = this.#head === '' ? this.#begin('', '') : '';
    switch (part.type) {
      case 'text-delta':
        return `${prefix}${this.#head}{"content":${JSON.stringify(part.text)}}${this.#tail}`;
      case 'tool-call-start':
        return `${prefix}${this.#head}{"tool_calls":[{"index":${part.index},"id":${JSON.stringify(part.id)},"type":"function","function":{"name":${JSON.stringify(part.name)},"arguments":""}}]}${this.#tail}`;
      case 'tool-call-delta':
        return `${prefix}${this.#head}{"tool_calls":[{"index":${part.index},"function":{"arguments":${JSON.stringify(part.argumentsDelta)}}}]}${this.#tail}`;
      case 'finish':
        return prefix + this.#finish(part.finishReason, part.usage);
    }
  }

  /**
   * An explicit error event, as OpenAI-compatible servers send mid-stream:
   * the official SDK throws an `APIError` when a chunk has an `error` field.
   * Never followed by `[DONE]`, so no client mistakes the answer for complete.
   */
  fail(error: GatewayError): string {
    if (this.#done) return '';
    this.#done = true;
    return `data: ${JSON.stringify(toOpenAiErrorBody(error))}\n\n`;
  }

  #begin(id: string, model: string): string {
    const chunkId = id === '' ? `chatcmpl-${randomUUID()}` : id;
    const created = Math.floor(Date.now() / 1000);
    const name = model === '' ? this.#call.model : model;
    this.#envelope = `data: {"id":${JSON.stringify(chunkId)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(name)},`;
    this.#head = `${this.#envelope}"choices":[{"index":0,"delta":`;
    return `${this.#head}${ROLE_DELTA}${this.#tail}`;
  }

  #finish(reason: FinishReason, usage: Usage): string {
    this.#done = true;
    const usageField = this.#call.includeUsage ? ',"usage":null' : '';
    let text = `${this.#head}{},"logprobs":null,"finish_reason":"${toOpenAiFinishReason(reason)}"}]${usageField}}\n\n`;
    if (this.#call.includeUsage) {
      // The usage chunk: same envelope, no choices (API reference, `stream_options.include_usage`).
      text += `${this.#envelope}"choices":[],"usage":${JSON.stringify(toOpenAiUsage(usage))}}\n\n`;
    }
    return text + DONE;
  }
}
