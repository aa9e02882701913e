/**
 * A fake OpenAI Chat Completions upstream on loopback (port 0) for tests and
 * the benchmark. It speaks the real wire format (API reference, "Create chat
 * completion" and "The chat completion chunk object"): `chat.completion`
 * JSON, or SSE chunks in the real order (role chunk, content, tool calls,
 * finish chunk, the usage chunk with `choices: []` when
 * `stream_options.include_usage`, then `data: [DONE]`), errors as
 * `{"error": {message, type, param, code}}`. The official `openai` SDK is run
 * against it in `fake-openai-upstream.test.ts` to keep it honest.
 *
 * A plain module (no vitest): `tsc` compiles it for the benchmark.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeBehaviour, FakeUpstream, RecordedRequest } from './fake-upstream-types.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

type ReplyBehaviour = Extract<FakeBehaviour, { kind: 'reply' }>;

/** What the fake needs from a chat request body. */
interface ChatRequestSummary {
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly lastUserText: string;
  /** Characters of message text, for a plausible `prompt_tokens`. */
  readonly promptChars: number;
}

export interface FakeOpenAiUpstreamOptions {
  /** Keep every request in `requests` (default true); benchmarks turn it off to keep memory flat. */
  readonly recordRequests?: boolean;
}

export async function startFakeOpenAiUpstream(
  options: FakeOpenAiUpstreamOptions = {},
): Promise<FakeUpstream> {
  const recordRequests = options.recordRequests ?? true;
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      counter++;
      const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      if (recordRequests) {
        requests.push({
          method: request.method ?? 'GET',
          path,
          headers: { ...request.headers },
          body,
        });
      }
      if (size > MAX_BODY_BYTES) {
        sendError(response, 413, counter, 'Request body too large.', 'invalid_request_error', null);
      } else if (request.method === 'GET' && path === '/v1/models') {
        sendJson(response, 200, counter, {
          object: 'list',
          data: [
            { id: 'gpt-4o-mini', object: 'model', created: 1_721_172_741, owned_by: 'system' },
          ],
        });
      } else if (request.method === 'POST' && path === '/v1/chat/completions') {
        if (typeof body !== 'object' || body === null) {
          sendError(
            response,
            400,
            counter,
            'We could not parse the JSON body of your request.',
            'invalid_request_error',
            null,
          );
          return;
        }
        const behaviour = queue.shift() ?? { kind: 'reply' };
        act(behaviour, readChatRequest(body), request, response, counter);
      } else {
        sendError(
          response,
          404,
          counter,
          `Invalid URL (${request.method ?? 'GET'} ${path})`,
          'invalid_request_error',
          null,
        );
      }
    });
  });

  function act(
    behaviour: FakeBehaviour,
    chat: ChatRequestSummary,
    request: IncomingMessage,
    response: ServerResponse,
    sequence: number,
  ): void {
    switch (behaviour.kind) {
      case 'reply':
        if (behaviour.delayMs !== undefined && behaviour.delayMs > 0) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            reply(behaviour, chat, response, sequence);
          }, behaviour.delayMs);
          timers.add(timer);
        } else {
          reply(behaviour, chat, response, sequence);
        }
        return;
      case 'status': {
        const body = openAiErrorBody(behaviour.status, behaviour.errorType, behaviour.message);
        response.writeHead(behaviour.status, {
          ...standardHeaders('application/json', sequence),
          ...behaviour.headers,
        });
        response.end(JSON.stringify(body));
        return;
      }
      case 'model-suspended':
        // How OpenAI reports a retired or unknown model (API reference, "Error codes").
        sendError(
          response,
          404,
          sequence,
          `The model \`${chat.model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        );
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'stream-cut':
        cut(chat, response, sequence, behaviour.afterEvents, behaviour.midEvent === true);
        return;
      case 'stream-no-terminal': {
        const events = openAiChatChunks(chat, { kind: 'reply' }, sequence);
        response.writeHead(200, standardHeaders('text/event-stream; charset=utf-8', sequence));
        response.end(events.slice(0, -1).join(''));
        return;
      }
      case 'raw-sse':
        response.writeHead(200, standardHeaders('text/event-stream; charset=utf-8', sequence));
        for (const chunk of behaviour.chunks) response.write(chunk);
        response.end();
        return;
    }
  }

  function reply(
    behaviour: ReplyBehaviour,
    chat: ChatRequestSummary,
    response: ServerResponse,
    sequence: number,
  ): void {
    if (response.destroyed) return;
    if (chat.stream) {
      response.writeHead(200, standardHeaders('text/event-stream; charset=utf-8', sequence));
      response.end(openAiChatChunks(chat, behaviour, sequence).join(''));
    } else {
      sendJson(response, 200, sequence, openAiCompletion(chat, behaviour, sequence));
    }
  }

  /** Sends the first `afterEvents` events (and half the next one), then drops the connection. */
  function cut(
    chat: ChatRequestSummary,
    response: ServerResponse,
    sequence: number,
    afterEvents: number,
    midEvent: boolean,
  ): void {
    let text: string;
    if (chat.stream) {
      response.writeHead(200, standardHeaders('text/event-stream; charset=utf-8', sequence));
      const events = openAiChatChunks(chat, { kind: 'reply' }, sequence);
      text = events.slice(0, afterEvents).join('');
      const next = events[afterEvents];
      if (midEvent && next !== undefined) text += next.slice(0, Math.floor(next.length / 2));
    } else {
      response.writeHead(200, standardHeaders('application/json', sequence));
      const json = JSON.stringify(openAiCompletion(chat, { kind: 'reply' }, sequence));
      text = json.slice(0, Math.floor(json.length / 2));
    }
    // Destroy only once the bytes reached the socket, or they would be discarded with it.
    if (text === '') response.flushHeaders();
    response.write(text, () => {
      response.socket?.destroy();
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue(...behaviours: FakeBehaviour[]): void {
      queue.push(...behaviours);
    },
    reset(): void {
      queue.length = 0;
      requests.length = 0;
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await closed;
    },
  };
}

function standardHeaders(contentType: string, sequence: number): Record<string, string> {
  return {
    'content-type': contentType,
    'openai-version': '2020-10-01',
    'openai-processing-ms': '1',
    'x-request-id': `req_fake${sequence}`,
  };
}

function sendJson(response: ServerResponse, status: number, sequence: number, body: unknown): void {
  response.writeHead(status, standardHeaders('application/json', sequence));
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  sequence: number,
  message: string,
  type: string,
  code: string | null,
): void {
  sendJson(response, status, sequence, { error: { message, type, param: null, code } });
}

function readChatRequest(body: object): ChatRequestSummary {
  const fields = body as Record<string, unknown>;
  const options = fields.stream_options as { include_usage?: unknown } | null | undefined;
  let lastUserText = '';
  let promptChars = 0;
  if (Array.isArray(fields.messages)) {
    for (const message of fields.messages as unknown[]) {
      if (typeof message !== 'object' || message === null) continue;
      const { role, content } = message as { role?: unknown; content?: unknown };
      const text = contentText(content);
      promptChars += text.length;
      if (role === 'user') lastUserText = text;
    }
  }
  return {
    model: typeof fields.model === 'string' ? fields.model : 'gpt-4o-mini',
    stream: fields.stream === true,
    includeUsage: fields.stream === true && options?.include_usage === true,
    lastUserText,
    promptChars,
  };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as unknown[]) {
    const candidate = (part as { text?: unknown } | null)?.text;
    if (typeof candidate === 'string') text += candidate;
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

function plan(chat: ChatRequestSummary, behaviour: ReplyBehaviour, sequence: number): ReplyPlan {
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

function openAiCompletion(
  chat: ChatRequestSummary,
  behaviour: ReplyBehaviour,
  sequence: number,
): Record<string, unknown> {
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
function openAiChatChunks(
  chat: ChatRequestSummary,
  behaviour: ReplyBehaviour,
  sequence: number,
): string[] {
  const reply = plan(chat, behaviour, sequence);
  const head = `{"id":"${reply.id}","object":"chat.completion.chunk","created":${reply.created},"model":${JSON.stringify(chat.model)},"service_tier":"default","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":`;
  const usageNull = chat.includeUsage ? ',"usage":null' : '';
  const chunk = (delta: string, finish = 'null'): string =>
    `data: ${head}${delta},"logprobs":null,"finish_reason":${finish}}]${usageNull}}\n\n`;
  const events = [chunk('{"role":"assistant","content":"","refusal":null}')];
  if (reply.text !== null && reply.text !== '') {
    for (const piece of split(reply.text, behaviour.chunks ?? 3)) {
      events.push(chunk(`{"content":${JSON.stringify(piece)}}`));
    }
  }
  reply.toolCalls.forEach((call, index) => {
    events.push(
      chunk(
        `{"tool_calls":[{"index":${index},"id":${JSON.stringify(call.id)},"type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]}`,
      ),
    );
    for (const piece of split(call.arguments, 2)) {
      events.push(
        chunk(
          `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(piece)}}}]}`,
        ),
      );
    }
  });
  events.push(chunk('{}', reply.toolCalls.length > 0 ? '"tool_calls"' : '"stop"'));
  if (chat.includeUsage) {
    events.push(
      `data: {"id":"${reply.id}","object":"chat.completion.chunk","created":${reply.created},"model":${JSON.stringify(chat.model)},"service_tier":"default","system_fingerprint":"fp_fake","choices":[],"usage":${JSON.stringify(reply.usage)}}\n\n`,
    );
  }
  events.push('data: [DONE]\n\n');
  return events;
}

/** Splits text into at most `count` non-empty pieces on code-point boundaries. */
function split(text: string, count: number): string[] {
  const points = Array.from(text);
  const size = Math.max(1, Math.ceil(points.length / Math.max(1, count)));
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += size) {
    pieces.push(points.slice(start, start + size).join(''));
  }
  return pieces;
}

/** OpenAI's error body for a status, with the `type`/`code` its API uses for it. */
function openAiErrorBody(status: number, errorType?: string, message?: string): unknown {
  const [type, code, text] = ERROR_DEFAULTS[status] ?? [
    status >= 500 ? 'server_error' : 'invalid_request_error',
    null,
    `Request failed with status ${status}.`,
  ];
  return { error: { message: message ?? text, type, param: null, code: errorType ?? code } };
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
