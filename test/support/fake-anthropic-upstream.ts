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

/** Default `error.type` per status (https://docs.anthropic.com/en/api/errors). */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out.',
  overloaded_error: 'Overloaded',
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
      sendError(response, 404, 'not_found_error', 'Not found', {}, nextId('req'));
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendError(
        response,
        400,
        'invalid_request_error',
        'There was an issue with the format of your request.',
        {},
        nextId('req'),
      );
      return;
    }
    const fields = body as Readonly<Record<string, unknown>>;
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
        const type =
          behaviour.errorType ??
          ERROR_TYPES[behaviour.status] ??
          (behaviour.status >= 500 ? 'api_error' : 'invalid_request_error');
        const message = behaviour.message ?? ERROR_MESSAGES[type] ?? 'Error';
        sendError(response, behaviour.status, type, message, behaviour.headers ?? {}, requestId);
        return;
      }
      case 'model-suspended':
        // What the API answers for a retired or unknown model.
        sendError(response, 404, 'not_found_error', `model: ${model}`, {}, requestId);
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
  const events: string[] = [
    event('message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: wireUsage(usage.input_tokens, 1),
      },
    }),
  ];
  if (content.length === 0) events.push(event('ping', { type: 'ping' }));
  const pieces = Math.max(1, behaviour.chunks ?? 3);
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push(
        event('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '' },
        }),
      );
      if (index === 0) events.push(event('ping', { type: 'ping' }));
      for (const piece of split(String(block.text), pieces)) {
        events.push(
          event('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'text_delta', text: piece },
          }),
        );
      }
    } else {
      events.push(
        event('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { ...block, input: {} },
        }),
      );
      if (index === 0) events.push(event('ping', { type: 'ping' }));
      const json = JSON.stringify(block.input);
      for (const piece of ['', ...split(json, 2)]) {
        events.push(
          event('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          }),
        );
      }
    }
    events.push(event('content_block_stop', { type: 'content_block_stop', index }));
  });
  events.push(
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    event('message_stop', { type: 'message_stop' }),
  );
  return events;
}

function event(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
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
  for (let index = messages.length - 1; index >= 0; index--) {
    const message: unknown = messages[index];
    if (typeof message !== 'object' || message === null) continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (role !== 'user') continue;
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return '';
    const texts: string[] = [];
    for (const block of content as unknown[]) {
      if (
        typeof block === 'object' &&
        block !== null &&
        (block as { type?: unknown }).type === 'text'
      ) {
        const text = (block as { text?: unknown }).text;
        if (typeof text === 'string') texts.push(text);
      }
    }
    return texts.join('\n');
  }
  return '';
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
  type: string,
  message: string,
  headers: Readonly<Record<string, string>>,
  requestId: string,
): void {
  sendJson(
    response,
    status,
    { type: 'error', error: { type, message }, request_id: requestId },
    requestId,
    headers,
  );
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
