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
 *
 * The happy path builds each body as one string and writes it once, so the
 * benchmark can drive thousands of requests per second through it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
  FakeBehaviour,
  FakeToolCall,
  FakeUpstream,
  RecordedRequest,
} from './fake-upstream-types.ts';

type ReplyBehaviour = Extract<FakeBehaviour, { kind: 'reply' }>;

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

export async function startFakeAnthropicUpstream(): Promise<FakeUpstream> {
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;
  const nextId = (prefix: string): string =>
    `${prefix}_fake${(++counter).toString(36).padStart(8, '0')}`;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      requests.push({
        method: request.method ?? 'GET',
        path,
        headers: { ...request.headers },
        body,
      });
      handle(request, response, path, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handle(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    body: unknown,
  ): void {
    if (request.method === 'GET' && path === '/v1/models') {
      sendJson(response, 200, modelList(), nextId('req'));
      return;
    }
    if (request.method !== 'POST' || path !== '/v1/messages') {
      sendError(response, 404, { type: 'not_found_error', message: 'Not found' }, nextId('req'));
      return;
    }
    if (!isRecord(body)) {
      const message = 'There was an issue with the format of your request.';
      sendError(response, 400, { type: 'invalid_request_error', message }, nextId('req'));
      return;
    }
    const fields = body;
    const model = typeof fields.model === 'string' ? fields.model : (MODELS[0] ?? '');
    const stream = fields.stream === true;
    const behaviour: FakeBehaviour = queue.shift() ?? { kind: 'reply' };
    const requestId = nextId('req');
    switch (behaviour.kind) {
      case 'reply': {
        const answer = (): void => {
          if (stream) sendSse(response, replyEvents(behaviour, fields, model, nextId), requestId);
          else sendJson(response, 200, replyMessage(behaviour, fields, model, nextId), requestId);
        };
        if (behaviour.delayMs !== undefined && behaviour.delayMs > 0)
          setTimeout(answer, behaviour.delayMs);
        else answer();
        return;
      }
      case 'status': {
        const fallback = behaviour.status >= 500 ? 'api_error' : 'invalid_request_error';
        const [type, message] = DEFAULT_ERRORS[behaviour.status] ?? [fallback, 'Error.'];
        const error = { type: behaviour.errorType ?? type, message: behaviour.message ?? message };
        sendError(response, behaviour.status, error, requestId, behaviour.headers);
        return;
      }
      case 'model-suspended':
        // What the API answers for a retired or unknown model.
        sendError(
          response,
          404,
          { type: 'not_found_error', message: `model: ${model}` },
          requestId,
        );
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'stream-cut': {
        const events = replyEvents({ kind: 'reply' }, fields, model, nextId);
        writeHeadSse(response, requestId);
        const kept = events.slice(0, behaviour.afterEvents).join('');
        const torn = behaviour.midEvent === true ? (events[behaviour.afterEvents] ?? '') : '';
        const text = kept + torn.slice(0, Math.floor(torn.length / 2));
        const destroy = (): void => {
          request.socket.destroy();
        };
        if (text === '') setImmediate(destroy);
        else response.write(text, destroy);
        return;
      }
      case 'stream-no-terminal': {
        const events = replyEvents({ kind: 'reply' }, fields, model, nextId);
        writeHeadSse(response, requestId);
        response.end(events.slice(0, -1).join(''));
        return;
      }
      case 'raw-sse':
        writeHeadSse(response, requestId);
        writeChunks(response, behaviour.chunks, 0);
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    enqueue(...behaviours: FakeBehaviour[]): void {
      queue.push(...behaviours);
    },
    reset(): void {
      queue.length = 0;
      requests.length = 0;
    },
    close(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      });
    },
  };
}

function replyMessage(
  behaviour: ReplyBehaviour,
  fields: Readonly<Record<string, unknown>>,
  model: string,
  nextId: (prefix: string) => string,
): Record<string, unknown> {
  const toolCalls = behaviour.toolCalls ?? [];
  // With tool calls and no text, the answer is only tool_use blocks, as the API sends them.
  const text =
    behaviour.text ?? (toolCalls.length > 0 ? undefined : `echo: ${lastUserText(fields.messages)}`);
  const content: Record<string, unknown>[] = [];
  if (text !== undefined) content.push({ type: 'text', text });
  for (const call of toolCalls) {
    content.push({
      type: 'tool_use',
      id: call.id ?? nextId('toolu'),
      name: call.name,
      input: toolInput(call),
    });
  }
  const usage = behaviour.usage ?? {
    input: estimateInput(fields.messages),
    output: estimateOutput(text ?? '') + toolCalls.length * 16,
  };
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: toolCalls.length > 0 ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: wireUsage(usage.input, usage.output),
  };
}

/** Each returned string is one complete SSE event. */
function replyEvents(
  behaviour: ReplyBehaviour,
  fields: Readonly<Record<string, unknown>>,
  model: string,
  nextId: (prefix: string) => string,
): string[] {
  const message = replyMessage(behaviour, fields, model, nextId);
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
      ? split(String(block.text), pieces).map((text) => ({ type: 'text_delta', text }))
      : ['', ...split(JSON.stringify(block.input), 2)].map((partial) => ({
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

/** Splits by code points into at most `pieces` non-empty pieces (never inside a surrogate pair). */
function split(text: string, pieces: number): string[] {
  if (text === '') return [];
  const points = Array.from(text);
  const size = Math.ceil(points.length / pieces);
  const out: string[] = [];
  for (let start = 0; start < points.length; start += size)
    out.push(points.slice(start, start + size).join(''));
  return out;
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

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': requestId,
  });
  response.end(text);
}

function sendError(
  response: ServerResponse,
  status: number,
  error: { readonly type: string; readonly message: string },
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { type: 'error', error, request_id: requestId }, requestId, headers);
}

function sendSse(response: ServerResponse, events: readonly string[], requestId: string): void {
  writeHeadSse(response, requestId);
  response.end(events.join(''));
}

function writeHeadSse(response: ServerResponse, requestId: string): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': requestId,
  });
  response.flushHeaders();
}

function writeChunks(
  response: ServerResponse,
  chunks: readonly (string | Uint8Array)[],
  index: number,
): void {
  const chunk = chunks[index];
  if (chunk === undefined) {
    response.end();
    return;
  }
  response.write(chunk, () => {
    writeChunks(response, chunks, index + 1);
  });
}
