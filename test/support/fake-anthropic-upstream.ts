/**
 * A fake Anthropic Messages API on loopback for tests and benchmarks.
 *
 * Speaks the real wire format, written from the API reference rather than
 * from the gateway's own encoders, so the two check each other:
 * - `POST /v1/messages`: a `Message` object, or with `"stream": true` the SSE
 *   sequence of https://docs.anthropic.com/en/docs/build-with-claude/streaming
 *   (message_start, content_block_start, ping, deltas, content_block_stop,
 *   message_delta, message_stop), with the API's response headers;
 * - `GET /v1/models`: a model list page;
 * - errors as `{"type":"error","error":{"type","message"},"request_id"}`.
 */
import type { FakeToolCall, FakeUpstream } from './fake-upstream-types.ts';
import { startFakeServer } from './fake-upstream-server.ts';
import type { FakeServerOptions } from './fake-upstream-server.ts';
import { isRecord, splitText } from './fake-wire.ts';
import type { FakeChat, FakeWire, ReplyBehaviour } from './fake-wire.ts';

const MODELS = ['claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-5-5'];

/** Default error type and message per status (https://docs.anthropic.com/en/api/errors). */
const DEFAULT_ERRORS: Readonly<Record<number, readonly [type: string, message: string]>> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  503: ['overloaded_error', 'Overloaded'],
  504: ['timeout_error', 'Request timed out.'],
  529: ['overloaded_error', 'Overloaded'],
};

/** What the fake needs from a Messages request. */
interface AnthropicChat extends FakeChat {
  readonly messages: unknown;
}

export function startFakeAnthropicUpstream(options: FakeServerOptions = {}): Promise<FakeUpstream> {
  return startFakeServer(ANTHROPIC_WIRE, options);
}

const ANTHROPIC_WIRE: FakeWire<AnthropicChat> = {
  basePath: '',
  chatPath: '/v1/messages',
  getRoutes: new Map([['/v1/models', modelList]]),
  headers: (contentType, sequence) =>
    contentType.startsWith('text/event-stream')
      ? {
          'content-type': contentType,
          'cache-control': 'no-cache',
          'request-id': requestId(sequence),
        }
      : { 'content-type': contentType, 'request-id': requestId(sequence) },
  readChat: (fields) => ({
    model: typeof fields.model === 'string' ? fields.model : (MODELS[0] ?? ''),
    stream: fields.stream === true,
    messages: fields.messages,
  }),
  completion: replyMessage,
  events: replyEvents,
  statusError(status, sequence, errorType, message) {
    const fallback = status >= 500 ? 'api_error' : 'invalid_request_error';
    const [type, text] = DEFAULT_ERRORS[status] ?? [fallback, 'Error.'];
    return errorBody(errorType ?? type, message ?? text, sequence);
  },
  // What the API answers for a retired or unknown model.
  modelGone: (chat, sequence) => ({
    status: 404,
    body: errorBody('not_found_error', `model: ${chat.model}`, sequence),
  }),
  requestError(problem, _request, sequence) {
    switch (problem) {
      case 'unreadable':
        return {
          status: 400,
          body: errorBody(
            'invalid_request_error',
            'There was an issue with the format of your request.',
            sequence,
          ),
        };
      case 'not-found':
        return { status: 404, body: errorBody('not_found_error', 'Not found', sequence) };
      case 'too-large': {
        const [type, message] = DEFAULT_ERRORS[413] ?? ['request_too_large', ''];
        return { status: 413, body: errorBody(type, message, sequence) };
      }
    }
  },
};

function requestId(sequence: number): string {
  return `req_fake${sequence.toString(36).padStart(8, '0')}`;
}

function errorBody(type: string, message: string, sequence: number): unknown {
  return { type: 'error', error: { type, message }, request_id: requestId(sequence) };
}

function replyMessage(
  chat: AnthropicChat,
  behaviour: ReplyBehaviour,
  sequence: number,
): Record<string, unknown> {
  const toolCalls = behaviour.toolCalls ?? [];
  // With tool calls and no text, the answer is only tool_use blocks, as the API sends them.
  const text =
    behaviour.text ?? (toolCalls.length > 0 ? undefined : `echo: ${lastUserText(chat.messages)}`);
  const content: Record<string, unknown>[] = [];
  if (text !== undefined) content.push({ type: 'text', text });
  toolCalls.forEach((call, index) => {
    content.push({
      type: 'tool_use',
      id: call.id ?? `toolu_fake${sequence}_${index}`,
      name: call.name,
      input: toolInput(call),
    });
  });
  const usage = behaviour.usage ?? {
    input: estimateInput(chat.messages),
    output: estimateOutput(text ?? '') + toolCalls.length * 16,
  };
  return {
    id: `msg_fake${sequence.toString(36).padStart(8, '0')}`,
    type: 'message',
    role: 'assistant',
    model: chat.model,
    content,
    stop_reason: toolCalls.length > 0 ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: wireUsage(usage.input, usage.output),
  };
}

/** Each returned string is one complete SSE event. */
function replyEvents(chat: AnthropicChat, behaviour: ReplyBehaviour, sequence: number): string[] {
  const message = replyMessage(chat, behaviour, sequence);
  const content = message.content as readonly Record<string, unknown>[];
  const usage = message.usage as { input_tokens: number; output_tokens: number };
  const start = { ...message, content: [], stop_reason: null, stop_sequence: null };
  // The API reports one output token at the start (docs example).
  const events = [
    event('message_start', { message: { ...start, usage: wireUsage(usage.input_tokens, 1) } }),
  ];
  if (content.length === 0) events.push(event('ping'));
  const pieces = Math.max(1, behaviour.chunks ?? 3);
  content.forEach((block, index) => {
    const isText = block.type === 'text';
    const contentBlock = isText ? { type: 'text', text: '' } : { ...block, input: {} };
    events.push(event('content_block_start', { index, content_block: contentBlock }));
    // As in the docs example, ping follows the first content_block_start.
    if (index === 0) events.push(event('ping'));
    // Tool input streams as JSON text, opened by an empty partial_json as the API does.
    const deltas = isText
      ? splitText(String(block.text), pieces).map((text) => ({ type: 'text_delta', text }))
      : ['', ...splitText(JSON.stringify(block.input), 2)].map((partial) => ({
          type: 'input_json_delta',
          partial_json: partial,
        }));
    for (const delta of deltas) events.push(event('content_block_delta', { index, delta }));
    events.push(event('content_block_stop', { index }));
  });
  events.push(
    event('message_delta', {
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    event('message_stop'),
  );
  return events;
}

/** One named SSE event whose JSON data carries the same `type`, as every API event does. */
function event(type: string, fields: Readonly<Record<string, unknown>> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

function wireUsage(input: number, output: number): Record<string, unknown> {
  return {
    input_tokens: input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    service_tier: 'standard',
  };
}

function toolInput(call: FakeToolCall): unknown {
  try {
    return JSON.parse(call.arguments);
  } catch {
    return {};
  }
}

function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const last: unknown = (messages as unknown[]).findLast(
    (turn) => isRecord(turn) && turn.role === 'user',
  );
  const content = isRecord(last) ? last.content : undefined;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as unknown[])
    .map((block) => (isRecord(block) && block.type === 'text' ? String(block.text) : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function estimateInput(messages: unknown): number {
  return Array.isArray(messages) ? 8 + messages.length * 4 : 8;
}

function estimateOutput(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function modelList(): Record<string, unknown> {
  const data = MODELS.map((id) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: '2025-01-01T00:00:00Z',
  }));
  return { data, has_more: false, first_id: MODELS[0], last_id: MODELS[MODELS.length - 1] };
}
