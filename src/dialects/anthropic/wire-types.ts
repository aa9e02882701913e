/**
 * The Anthropic Messages API on the wire (`POST /v1/messages`), reduced to
 * what the gateway models. Field names and shapes follow the API reference
 * (https://docs.anthropic.com/en/api/messages, /en/api/messages-streaming,
 * /en/api/errors) and `@anthropic-ai/sdk` `resources/messages/messages.ts`.
 *
 * Requests arrive as `unknown` and are validated by hand in
 * `parse-request.ts`; these types describe what that validation accepts and
 * what the encoders and the provider adapter emit.
 */

export interface AnthropicCacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

export interface AnthropicTextBlock {
  readonly type: 'text';
  readonly text: string;
  readonly cache_control?: AnthropicCacheControl | null;
}

export type AnthropicImageSource =
  | { readonly type: 'base64'; readonly media_type: string; readonly data: string }
  | { readonly type: 'url'; readonly url: string };

export interface AnthropicImageBlock {
  readonly type: 'image';
  readonly source: AnthropicImageSource;
  readonly cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicToolUseBlock {
  readonly type: 'tool_use';
  /** Must match `^[a-zA-Z0-9_-]+$`. */
  readonly id: string;
  readonly name: string;
  /** The arguments as a JSON object (not text, unlike OpenAI). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicToolResultBlock {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  readonly content?: string | readonly (AnthropicTextBlock | AnthropicImageBlock)[];
  readonly is_error?: boolean;
  readonly cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicThinkingBlock {
  readonly type: 'thinking';
  readonly thinking: string;
  readonly signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  readonly type: 'redacted_thinking';
  readonly data: string;
}

export type AnthropicRequestBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export interface AnthropicMessageParam {
  /** `system` turns inside `messages` are accepted by current API versions (SDK `SystemMessageParam`). */
  readonly role: 'user' | 'assistant' | 'system';
  readonly content: string | readonly AnthropicRequestBlock[];
}

export interface AnthropicTool {
  readonly type?: 'custom';
  /** `^[a-zA-Z0-9_-]{1,128}$` */
  readonly name: string;
  readonly description?: string;
  readonly input_schema: Readonly<Record<string, unknown>> & { readonly type: 'object' };
  readonly strict?: boolean;
  readonly cache_control?: AnthropicCacheControl | null;
}

export type AnthropicToolChoice =
  | { readonly type: 'auto'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'any'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'tool'; readonly name: string; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'none' };

/** The modelled part of a Messages request; anything else is kept as passthrough. */
export interface AnthropicRequest {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly AnthropicMessageParam[];
  readonly system?: string | readonly AnthropicTextBlock[];
  readonly tools?: readonly AnthropicTool[];
  readonly tool_choice?: AnthropicToolChoice;
  readonly stop_sequences?: readonly string[];
  readonly temperature?: number;
  readonly top_p?: number;
  readonly metadata?: { readonly user_id?: string | null };
  readonly stream?: boolean;
}

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface AnthropicUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

export type AnthropicResponseBlock =
  | { readonly type: 'text'; readonly text: string }
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

/** A complete answer (the `Message` object). */
export interface AnthropicMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly AnthropicResponseBlock[];
  readonly stop_reason: AnthropicStopReason | null;
  readonly stop_sequence: string | null;
  readonly stop_details?: unknown;
  readonly usage: AnthropicUsage;
}

/** `message_delta.usage`: every count is cumulative for the whole message. */
export interface AnthropicDeltaUsage {
  readonly output_tokens: number;
  readonly input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

export type AnthropicContentDelta =
  | { readonly type: 'text_delta'; readonly text: string }
  | { readonly type: 'input_json_delta'; readonly partial_json: string }
  | { readonly type: 'thinking_delta'; readonly thinking: string }
  | { readonly type: 'signature_delta'; readonly signature: string }
  | { readonly type: 'citations_delta'; readonly citation: unknown };

/** Stream events; each is sent as `event: <type>` with the same `type` in its JSON data. */
export type AnthropicStreamEvent =
  | { readonly type: 'message_start'; readonly message: AnthropicMessage }
  | {
      readonly type: 'content_block_start';
      readonly index: number;
      readonly content_block: AnthropicResponseBlock;
    }
  | { readonly type: 'ping' }
  | {
      readonly type: 'content_block_delta';
      readonly index: number;
      readonly delta: AnthropicContentDelta;
    }
  | { readonly type: 'content_block_stop'; readonly index: number }
  | {
      readonly type: 'message_delta';
      readonly delta: {
        readonly stop_reason: AnthropicStopReason | null;
        readonly stop_sequence: string | null;
      };
      readonly usage: AnthropicDeltaUsage;
    }
  | { readonly type: 'message_stop' }
  | AnthropicErrorBody;

/**
 * Error `type` strings (https://docs.anthropic.com/en/api/errors):
 * 400 invalid_request_error, 401 authentication_error, 402 billing_error,
 * 403 permission_error, 404 not_found_error, 413 request_too_large,
 * 429 rate_limit_error, 500 api_error, 504 timeout_error, 529 overloaded_error.
 */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** The error body of an HTTP error and of an in-stream `error` event. */
export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: {
    readonly type: AnthropicErrorType;
    readonly message: string;
    /** The gateway's stable code (an addition; the SDK ignores unknown fields). */
    readonly code?: string;
  };
  readonly request_id?: string;
}
