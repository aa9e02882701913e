/**
 * Wire types of the OpenAI Chat Completions API (`POST /v1/chat/completions`),
 * the subset the gateway reads or writes. Taken from the API reference and the
 * official SDK's types (`openai/resources/chat/completions`, v6). Declared as
 * type aliases (not interfaces) so values are assignable to
 * `Record<string, unknown>` where the encoders return plain JSON objects.
 */

export type OpenAiRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export type OpenAiTextPart = { type: 'text'; text: string };
export type OpenAiRefusalPart = { type: 'refusal'; refusal: string };
export type OpenAiImagePart = {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
};
export type OpenAiUserPart = OpenAiTextPart | OpenAiImagePart;

export type OpenAiToolCall = {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
};

export type OpenAiSystemMessage = {
  role: 'system' | 'developer';
  content: string | OpenAiTextPart[];
  name?: string;
};
export type OpenAiUserMessage = { role: 'user'; content: string | OpenAiUserPart[]; name?: string };
export type OpenAiAssistantMessage = {
  role: 'assistant';
  content?: string | (OpenAiTextPart | OpenAiRefusalPart)[] | null;
  refusal?: string | null;
  tool_calls?: OpenAiToolCall[];
  name?: string;
};
export type OpenAiToolMessage = {
  role: 'tool';
  tool_call_id: string;
  content: string | OpenAiTextPart[];
};
export type OpenAiMessage =
  OpenAiSystemMessage | OpenAiUserMessage | OpenAiAssistantMessage | OpenAiToolMessage;

export type OpenAiTool = {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
};

export type OpenAiToolChoice =
  'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type OpenAiResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    };

/** The modelled request fields; anything else is carried as passthrough. */
export type OpenAiChatRequest = {
  model: string;
  messages: OpenAiMessage[];
  tools?: OpenAiTool[];
  tool_choice?: OpenAiToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: OpenAiResponseFormat;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  user?: string;
  metadata?: Record<string, string>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
};

export type OpenAiFinishReason =
  'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export type OpenAiUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: {
    cached_tokens?: number;
    audio_tokens?: number;
    cache_write_tokens?: number;
  };
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  };
};

/** `object: "chat.completion"`. */
export type OpenAiChatCompletion = {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: string | null;
      tool_calls?: OpenAiToolCall[];
      annotations?: unknown[];
    };
    logprobs: null;
    finish_reason: OpenAiFinishReason;
  }[];
  usage?: OpenAiUsage;
  system_fingerprint?: string;
  service_tier?: string;
};

export type OpenAiChunkToolCall = {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
};

/** `object: "chat.completion.chunk"`; the usage chunk has `choices: []`. */
export type OpenAiChatCompletionChunk = {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      refusal?: string | null;
      tool_calls?: OpenAiChunkToolCall[];
    };
    logprobs?: null;
    finish_reason: OpenAiFinishReason | null;
  }[];
  /** Present (null until the last chunk) only when `stream_options.include_usage` is set. */
  usage?: OpenAiUsage | null;
};

/** The error body, both as an HTTP response and as an in-stream `data:` event. */
export type OpenAiErrorBody = {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
};
