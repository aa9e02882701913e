/**
 * The inbound dialects as one small interface, so the HTTP layer handles an
 * OpenAI and an Anthropic request with the same code.
 */
import type { ChatCall, ChatResult, ChatStreamPart, Dialect } from '../chat/types.ts';
import type { RequestLimits } from '../chat/limits.ts';
import type { GatewayError } from '../errors.ts';
import { parseOpenAiRequest } from './openai/parse-request.ts';
import { encodeOpenAiResponse } from './openai/encode-response.ts';
import { OpenAiStreamEncoder } from './openai/encode-stream.ts';
import { encodeOpenAiError } from './openai/encode-error.ts';
import { ANTHROPIC_BETA_HEADER } from './anthropic/anthropic-beta.ts';
import { parseAnthropicRequest } from './anthropic/parse-request.ts';
import { encodeAnthropicResponse } from './anthropic/encode-response.ts';
import { AnthropicStreamEncoder } from './anthropic/encode-stream.ts';
import { encodeAnthropicError } from './anthropic/encode-error.ts';

export interface StreamEncoder {
  /** SSE text for one part ('' when the part produces nothing in this dialect). */
  encode(part: ChatStreamPart): string;
  /** The dialect's explicit in-stream error event; never a normal finish. */
  fail(error: GatewayError): string;
}

export interface EncodedError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The caller's request headers as Node delivers them (`IncomingMessage.headers`). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface DialectCodec {
  readonly name: Dialect;
  /**
   * `headers` are the caller's request headers; a dialect reads only those it
   * forwards to a same-dialect provider (Anthropic: `anthropic-beta`).
   */
  parseRequest(body: unknown, limits: RequestLimits, headers?: RequestHeaders): ChatCall;
  encodeResponse(result: ChatResult, call: ChatCall): Record<string, unknown>;
  streamEncoder(call: ChatCall): StreamEncoder;
  encodeError(error: GatewayError): EncodedError;
}

export const DIALECTS: Readonly<Record<Dialect, DialectCodec>> = Object.freeze({
  openai: {
    name: 'openai',
    parseRequest: parseOpenAiRequest,
    encodeResponse: encodeOpenAiResponse,
    streamEncoder: (call: ChatCall) => new OpenAiStreamEncoder(call),
    encodeError: encodeOpenAiError,
  },
  anthropic: {
    name: 'anthropic',
    parseRequest: (body: unknown, limits: RequestLimits, headers: RequestHeaders = {}) =>
      parseAnthropicRequest(body, limits, { anthropicBeta: headers[ANTHROPIC_BETA_HEADER] }),
    encodeResponse: encodeAnthropicResponse,
    streamEncoder: (call: ChatCall) => new AnthropicStreamEncoder(call),
    encodeError: encodeAnthropicError,
  },
});
