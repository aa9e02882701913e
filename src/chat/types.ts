/**
 * The gateway's canonical chat model: every inbound dialect is parsed into
 * these types and every provider is driven from them, so any alias can be
 * served by any provider (OpenAI ↔ Anthropic, streaming included).
 *
 * Shaped after the common ground of the OpenAI Chat Completions and Anthropic
 * Messages APIs (and vercel/ai's LanguageModelV2 prompt): ordered messages of
 * typed parts, tool calls with their JSON argument text kept verbatim, and a
 * stream of small typed parts rather than provider chunks.
 */

export type Dialect = 'openai' | 'anthropic';

/**
 * An Anthropic prompt-cache breakpoint on a block or tool definition
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching):
 * the prompt up to and including the marked item is cached for `ttl`
 * (default 5 minutes). Parsed only from Anthropic requests, sent only to
 * Anthropic upstreams (OpenAI caches prompt prefixes by itself), and never
 * added by the gateway: the API allows at most 4 breakpoints per request.
 */
export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
  readonly cacheControl?: CacheControl;
}

export type ImageSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string };

export interface ImagePart {
  readonly type: 'image';
  readonly source: ImageSource;
  /** OpenAI's `image_url.detail`; dropped for providers without it. */
  readonly detail?: 'auto' | 'low' | 'high';
  readonly cacheControl?: CacheControl;
}

export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, exactly as the model produced them (may be invalid JSON). */
  readonly arguments: string;
  /** Only on calls in request history; answers never carry one. */
  readonly cacheControl?: CacheControl;
}

export interface ToolResultPart {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly content: readonly (TextPart | ImagePart)[];
  readonly isError?: boolean;
  readonly cacheControl?: CacheControl;
}

export interface SystemMessage {
  readonly role: 'system';
  readonly content: readonly TextPart[];
}

export interface UserMessage {
  readonly role: 'user';
  readonly content: readonly (TextPart | ImagePart)[];
  /** OpenAI's participant `name`; dropped for providers without it. */
  readonly name?: string;
}

export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content: readonly (TextPart | ToolCallPart)[];
}

/** Results of earlier tool calls: OpenAI `role: "tool"` messages, Anthropic `tool_result` blocks. */
export interface ToolMessage {
  readonly role: 'tool';
  readonly content: readonly ToolResultPart[];
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** A JSON Schema object describing the arguments (`type: "object"`). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** OpenAI's `function.strict`; dropped for providers without it. */
  readonly strict?: boolean;
  readonly cacheControl?: CacheControl;
}

export type ToolChoice =
  | { readonly type: 'auto' }
  | { readonly type: 'none' }
  | { readonly type: 'required' }
  | { readonly type: 'tool'; readonly name: string };

export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly name: string;
      readonly schema: Readonly<Record<string, unknown>>;
      readonly strict?: boolean;
      readonly description?: string;
    };

/** A request for a completion, whatever dialect it arrived in. */
export interface ChatCall {
  /** The dialect the caller speaks; responses and errors are encoded in it. */
  readonly dialect: Dialect;
  /** The alias (or `provider/model`) the caller asked for. */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormat;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop: readonly string[];
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  readonly user?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`; Anthropic streams always carry usage. */
  readonly includeUsage: boolean;
  /**
   * Request fields the gateway does not model (e.g. OpenAI `seed`, `logprobs`,
   * Anthropic `top_k`, `thinking`). Forwarded only to a provider speaking the
   * same dialect as the caller; dropped when translating.
   */
  readonly passthrough: Readonly<Record<string, unknown>>;
  /**
   * Request headers of the caller's dialect that are forwarded, like
   * `passthrough`, only to a provider speaking the same dialect: Anthropic
   * `anthropic-beta` (validated beta names). Names are lowercase.
   */
  readonly passthroughHeaders?: Readonly<Record<string, string>>;
}

export type FinishReason =
  'stop' | 'length' | 'tool-calls' | 'stop-sequence' | 'content-filter' | 'other';

/**
 * Token counts of one answer. `inputTokens` is the WHOLE prompt, cache reads
 * and cache writes included, as OpenAI's `prompt_tokens` counts it; the two
 * cache counts are parts of it, never added to it. Anthropic's
 * `input_tokens` counts only the uncached rest, so its adapter adds the cache
 * counts when reading and its encoders subtract them when writing
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance).
 */
export interface Usage {
  /** All prompt tokens: uncached + `cacheReadTokens` + `cacheWriteTokens`. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Of `inputTokens`, those read from a provider cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  readonly cacheReadTokens?: number;
  /** Of `inputTokens`, those written to a provider cache (Anthropic `cache_creation_input_tokens`). */
  readonly cacheWriteTokens?: number;
}

export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0 });

/** A complete (non-streaming) answer. */
export interface ChatResult {
  readonly id: string;
  /** The model that actually answered, as the provider named it. */
  readonly model: string;
  readonly content: readonly (TextPart | ToolCallPart)[];
  readonly finishReason: FinishReason;
  /** The stop sequence that ended generation, when the provider says which. */
  readonly stopSequence?: string;
  readonly usage: Usage;
}

/**
 * One piece of a streamed answer. A well-formed stream is: `start`, any
 * number of `text-delta` / `tool-call-start` / `tool-call-delta`, then exactly
 * one `finish`. A stream that ends any other way is truncated; providers throw
 * a GatewayError (`upstream_truncated`) from the iterator instead of ending.
 */
export type ChatStreamPart =
  | {
      readonly type: 'start';
      readonly id: string;
      readonly model: string;
      /** Usage known at the start (Anthropic reports input tokens in `message_start`). */
      readonly usage?: Usage;
    }
  | { readonly type: 'text-delta'; readonly text: string }
  | {
      readonly type: 'tool-call-start';
      /** 0-based ordinal of the tool call within this answer. */
      readonly index: number;
      readonly id: string;
      readonly name: string;
    }
  | { readonly type: 'tool-call-delta'; readonly index: number; readonly argumentsDelta: string }
  | {
      readonly type: 'finish';
      readonly finishReason: FinishReason;
      readonly stopSequence?: string;
      readonly usage: Usage;
    };
