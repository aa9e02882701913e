/**
 * A fake OpenAI Chat Completions upstream on loopback (port 0) for tests and
 * the benchmark. It speaks the real wire format (API reference, "Create chat
 * completion" and "The chat completion chunk object"): `chat.completion`
 * JSON, or SSE chunks in the real order (role chunk, content, tool calls,
 * finish chunk, the usage chunk with `choices: []` when
 * `stream_options.include_usage`, then `data: [DONE]`), errors as
 * `{"error": {message, type, param, code}}`. The official `openai` SDK is run
 * against it in `fake-openai-upstream.test.ts` to keep it honest.
 */
import type { FakeUpstream } from './fake-upstream-types.ts';
import { startFakeServer } from './fake-upstream-server.ts';
import type { FakeServerOptions } from './fake-upstream-server.ts';
import { isRecord, splitText } from './fake-wire.ts';
import type { FakeChat, FakeWire, ReplyBehaviour } from './fake-wire.ts';

/** What the fake needs from a chat request body. */
interface OpenAiChat extends FakeChat {
  readonly includeUsage: boolean;
  readonly lastUserText: string;
  /** Characters of message text, for a plausible `prompt_tokens`. */
  readonly promptChars: number;
}

export type FakeOpenAiUpstreamOptions = FakeServerOptions;

export function startFakeOpenAiUpstream(
  options: FakeOpenAiUpstreamOptions = {},
): Promise<FakeUpstream> {
  return startFakeServer(OPENAI_WIRE, options);
}

const OPENAI_WIRE: FakeWire<OpenAiChat> = {
  basePath: '/v1',
  chatPath: '/v1/chat/completions',
  getRoutes: new Map([
    [
      '/v1/models',
      () => ({
        object: 'list',
        data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_721_172_741, owned_by: 'system' }],
      }),
    ],
  ]),
  headers: (contentType, sequence) => ({
    'content-type': contentType,
    'openai-version': '2020-10-01',
    'openai-processing-ms': '1',
    'x-request-id': `req_fake${sequence}`,
  }),
  readChat,
  completion: openAiCompletion,
  events: openAiChatChunks,
  statusError: openAiErrorBody,
  // How OpenAI reports a retired or unknown model (API reference, "Error codes").
  modelGone: (chat) => ({
    status: 404,
    body: errorBody(
      `The model \`${chat.model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      'model_not_found',
    ),
  }),
  requestError(problem, request) {
    switch (problem) {
      case 'unreadable':
        return {
          status: 400,
          body: errorBody(
            'We could not parse the JSON body of your request.',
            'invalid_request_error',
            null,
          ),
        };
      case 'not-found':
        return {
          status: 404,
          body: errorBody(
            `Invalid URL (${request.method} ${request.path})`,
            'invalid_request_error',
            null,
          ),
        };
      case 'too-large':
        return {
          status: 413,
          body: errorBody('Request body too large.', 'invalid_request_error', null),
        };
    }
  },
};

function errorBody(message: string, type: string, code: string | null): unknown {
  return { error: { message, type, param: null, code } };
}

function readChat(fields: Readonly<Record<string, unknown>>): OpenAiChat {
  const options = isRecord(fields.stream_options) ? fields.stream_options : {};
  let lastUserText = '';
  let promptChars = 0;
  if (Array.isArray(fields.messages)) {
    for (const message of fields.messages as unknown[]) {
      if (!isRecord(message)) continue;
      const text = contentText(message.content);
      promptChars += text.length;
      if (message.role === 'user') lastUserText = text;
    }
  }
  return {
    model: typeof fields.model === 'string' ? fields.model : 'gpt-4o-mini',
    stream: fields.stream === true,
    includeUsage: fields.stream === true && options.include_usage === true,
    lastUserText,
    promptChars,
  };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as unknown[]) {
    if (isRecord(part) && typeof part.text === 'string') text += part.text;
  }
  return text;
}

interface ReplyPlan {
  readonly id: string;
  readonly created: number;
  readonly text: string | null;
  readonly toolCalls: readonly { id: string; name: string; arguments: string }[];
  readonly usage: Record<string, unknown>;
}

function plan(chat: OpenAiChat, behaviour: ReplyBehaviour, sequence: number): ReplyPlan {
  const toolCalls = (behaviour.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_fake${sequence}_${index}`,
    name: call.name,
    arguments: call.arguments,
  }));
  const text = behaviour.text ?? (toolCalls.length > 0 ? null : `echo: ${chat.lastUserText}`);
  const input = behaviour.usage?.input ?? Math.max(1, Math.ceil(chat.promptChars / 4));
  const output =
    behaviour.usage?.output ?? Math.max(1, Math.ceil((text?.length ?? 0) / 4) + toolCalls.length);
  return {
    id: `chatcmpl-fake${sequence}`,
    created: Math.floor(Date.now() / 1000),
    text,
    toolCalls,
    usage: {
      prompt_tokens: input,
      completion_tokens: output,
      total_tokens: input + output,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

function openAiCompletion(chat: OpenAiChat, behaviour: ReplyBehaviour, sequence: number): unknown {
  const reply = plan(chat, behaviour, sequence);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text,
    refusal: null,
  };
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  message.annotations = [];
  return {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: chat.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: reply.usage,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

/** Every SSE event of a streamed reply, `data: [DONE]` last. */
function openAiChatChunks(chat: OpenAiChat, behaviour: ReplyBehaviour, sequence: number): string[] {
  const reply = plan(chat, behaviour, sequence);
  const envelope = `{"id":"${reply.id}","object":"chat.completion.chunk","created":${reply.created},"model":${JSON.stringify(chat.model)},"service_tier":"default","system_fingerprint":"fp_fake",`;
  const head = `${envelope}"choices":[{"index":0,"delta":`;
  const usageNull = chat.includeUsage ? ',"usage":null' : '';
  const chunk = (delta: string, finish = 'null'): string =>
    `data: ${head}${delta},"logprobs":null,"finish_reason":${finish}}]${usageNull}}\n\n`;
  const events = [chunk('{"role":"assistant","content":"","refusal":null}')];
  if (reply.text !== null && reply.text !== '') {
    for (const piece of splitText(reply.text, behaviour.chunks ?? 3)) {
      events.push(chunk(`{"content":${JSON.stringify(piece)}}`));
    }
  }
  reply.toolCalls.forEach((call, index) => {
    events.push(
      chunk(
        `{"tool_calls":[{"index":${index},"id":${JSON.stringify(call.id)},"type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]}`,
      ),
    );
    for (const piece of splitText(call.arguments, 2)) {
      events.push(
        chunk(
          `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(piece)}}}]}`,
        ),
      );
    }
  });
  events.push(chunk('{}', reply.toolCalls.length > 0 ? '"tool_calls"' : '"stop"'));
  if (chat.includeUsage) {
    events.push(`data: ${envelope}"choices":[],"usage":${JSON.stringify(reply.usage)}}\n\n`);
  }
  events.push('data: [DONE]\n\n');
  return events;
}

/** OpenAI's error body for a status, with the `type`/`code` its API uses for it. */
function openAiErrorBody(
  status: number,
  _sequence: number,
  errorType: string | undefined,
  message: string | undefined,
): unknown {
  const [type, code, text] = ERROR_DEFAULTS[status] ?? [
    status >= 500 ? 'server_error' : 'invalid_request_error',
    null,
    `Request failed with status ${status}.`,
  ];
  return errorBody(message ?? text, type, errorType ?? code);
}

const ERROR_DEFAULTS: Readonly<Record<number, readonly [string, string | null, string]>> = {
  400: ['invalid_request_error', null, 'Invalid request.'],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
  403: [
    'invalid_request_error',
    'unsupported_country_region_territory',
    'Country, region, or territory not supported.',
  ],
  404: [
    'invalid_request_error',
    'model_not_found',
    'The model does not exist or you do not have access to it.',
  ],
  429: ['requests', 'rate_limit_exceeded', 'Rate limit reached for requests.'],
  500: [
    'server_error',
    null,
    'The server had an error while processing your request. Sorry about that!',
  ],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later.'],
};
