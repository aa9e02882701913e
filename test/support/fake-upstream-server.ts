/**
 * The node:http plumbing shared by the fake upstream providers: loopback on
 * port 0, request bodies read (capped) and recorded, a queue of scripted
 * behaviours, and the faults of `FakeBehaviour` (resets, hangs, cut and
 * unterminated streams, raw SSE). What each provider's answers and errors
 * look like on the wire is its `FakeWire`, in `fake-openai-upstream.ts` and
 * `fake-anthropic-upstream.ts`.
 *
 * A plain module (no vitest): `tsc` compiles it for the benchmark, which
 * drives thousands of requests per second through it, so each answer is
 * built as one string and written once.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeBehaviour, FakeUpstream, RecordedRequest } from './fake-upstream-types.ts';

export type ReplyBehaviour = Extract<FakeBehaviour, { kind: 'reply' }>;

/** Larger bodies are answered 413 (and not kept): a fake must not grow without bound. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const SSE = 'text/event-stream; charset=utf-8';
const JSON_TYPE = 'application/json';

/** What every fake reads from a chat request; each wire adds its own fields. */
export interface FakeChat {
  readonly model: string;
  readonly stream: boolean;
}

/** A request the fake cannot serve, answered in the provider's error shape. */
export type RequestProblem = 'unreadable' | 'not-found' | 'too-large';

/** One provider's wire format, as the fake server needs it. */
export interface FakeWire<Chat extends FakeChat> {
  /** Appended to the origin for `FakeUpstream.baseUrl` (OpenAI SDKs expect `/v1`). */
  readonly basePath: string;
  /** The chat endpoint, e.g. `/v1/chat/completions`. */
  readonly chatPath: string;
  /** Answers to `GET` requests by path (e.g. `/v1/models`). */
  readonly getRoutes: ReadonlyMap<string, () => unknown>;
  /** The response headers the provider sends with every answer. */
  headers(contentType: string, sequence: number): Record<string, string>;
  readChat(body: Readonly<Record<string, unknown>>): Chat;
  /** A whole (non-streaming) answer. */
  completion(chat: Chat, reply: ReplyBehaviour, sequence: number): unknown;
  /** Every SSE event of a streamed answer, each complete, the terminal event last. */
  events(chat: Chat, reply: ReplyBehaviour, sequence: number): string[];
  /** The body of a `status` behaviour: the provider's usual error for the status, or the given one. */
  statusError(
    status: number,
    sequence: number,
    errorType: string | undefined,
    message: string | undefined,
  ): unknown;
  /** The provider's own answer for a retired or unknown model. */
  modelGone(chat: Chat, sequence: number): { readonly status: number; readonly body: unknown };
  requestError(
    problem: RequestProblem,
    request: { readonly method: string; readonly path: string },
    sequence: number,
  ): { readonly status: number; readonly body: unknown };
}

export interface FakeServerOptions {
  /** Keep every request in `requests` (default true); benchmarks turn it off to keep memory flat. */
  readonly recordRequests?: boolean;
}

export async function startFakeServer<Chat extends FakeChat>(
  wire: FakeWire<Chat>,
  options: FakeServerOptions = {},
): Promise<FakeUpstream> {
  const recordRequests = options.recordRequests ?? true;
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const exchange = new Exchange(wire, request, response, ++sequence);
      const text = size > MAX_BODY_BYTES ? '' : Buffer.concat(chunks).toString('utf8');
      const body = parseBody(text);
      if (recordRequests) {
        requests.push({
          method: exchange.method,
          path: exchange.path,
          headers: { ...request.headers },
          body,
        });
      }
      if (size > MAX_BODY_BYTES) exchange.problem('too-large');
      else route(exchange, body);
    });
  });

  function route(exchange: Exchange<Chat>, body: unknown): void {
    const answer = exchange.method === 'GET' ? wire.getRoutes.get(exchange.path) : undefined;
    if (answer !== undefined) {
      exchange.json(200, answer());
    } else if (exchange.method !== 'POST' || exchange.path !== wire.chatPath) {
      exchange.problem('not-found');
    } else if (!isRecord(body)) {
      exchange.problem('unreadable');
    } else {
      act(exchange, wire.readChat(body), queue.shift() ?? { kind: 'reply' });
    }
  }

  function act(exchange: Exchange<Chat>, chat: Chat, behaviour: FakeBehaviour): void {
    switch (behaviour.kind) {
      case 'reply':
        if (behaviour.delayMs === undefined || behaviour.delayMs <= 0) {
          exchange.reply(chat, behaviour);
          return;
        }
        {
          const timer = setTimeout(() => {
            timers.delete(timer);
            exchange.reply(chat, behaviour);
          }, behaviour.delayMs);
          timers.add(timer);
        }
        return;
      case 'status': {
        const { status, errorType, message, headers } = behaviour;
        exchange.json(status, wire.statusError(status, exchange.sequence, errorType, message), headers);
        return;
      }
      case 'model-suspended': {
        const gone = wire.modelGone(chat, exchange.sequence);
        exchange.json(gone.status, gone.body);
        return;
      }
      case 'reset':
        exchange.request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'stream-cut':
        exchange.cut(chat, behaviour.afterEvents, behaviour.midEvent === true);
        return;
      case 'stream-no-terminal':
        exchange.sse(wire.events(chat, { kind: 'reply' }, exchange.sequence).slice(0, -1));
        return;
      case 'raw-sse':
        exchange.startSse();
        writeInTurn(exchange.response, behaviour.chunks, 0);
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${wire.basePath}`,
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
      // Hanging requests and kept-alive sockets would hold `close` open.
      server.closeAllConnections();
      await closed;
    },
  };
}

/** One request and its response, with the ways a fake answers. */
class Exchange<Chat extends FakeChat> {
  readonly wire: FakeWire<Chat>;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** 1-based number of the request, for request and answer ids. */
  readonly sequence: number;
  readonly method: string;
  readonly path: string;

  constructor(
    wire: FakeWire<Chat>,
    request: IncomingMessage,
    response: ServerResponse,
    sequence: number,
  ) {
    this.wire = wire;
    this.request = request;
    this.response = response;
    this.sequence = sequence;
    this.method = request.method ?? 'GET';
    this.path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  }

  json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    const text = JSON.stringify(body);
    this.response.writeHead(status, {
      ...this.wire.headers(JSON_TYPE, this.sequence),
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    this.response.end(text);
  }

  problem(problem: RequestProblem): void {
    const answer = this.wire.requestError(problem, this, this.sequence);
    this.json(answer.status, answer.body);
  }

  reply(chat: Chat, reply: ReplyBehaviour): void {
    if (this.response.destroyed) return;
    if (chat.stream) this.sse(this.wire.events(chat, reply, this.sequence));
    else this.json(200, this.wire.completion(chat, reply, this.sequence));
  }

  /** Sends the status line and headers of an event stream at once. */
  startSse(): void {
    this.response.writeHead(200, this.wire.headers(SSE, this.sequence));
    this.response.flushHeaders();
  }

  sse(events: readonly string[]): void {
    this.startSse();
    this.response.end(events.join(''));
  }

  /**
   * Sends the first `afterEvents` events (and half the next one when
   * `midEvent`), or half the JSON of a whole answer, then drops the connection.
   */
  cut(chat: Chat, afterEvents: number, midEvent: boolean): void {
    let text: string;
    if (chat.stream) {
      this.startSse();
      const events = this.wire.events(chat, { kind: 'reply' }, this.sequence);
      const torn = midEvent ? (events[afterEvents] ?? '') : '';
      text = events.slice(0, afterEvents).join('') + torn.slice(0, Math.floor(torn.length / 2));
    } else {
      this.response.writeHead(200, this.wire.headers(JSON_TYPE, this.sequence));
      const json = JSON.stringify(this.wire.completion(chat, { kind: 'reply' }, this.sequence));
      text = json.slice(0, Math.floor(json.length / 2));
    }
    const drop = (): void => {
      this.request.socket.destroy();
    };
    // Dropped only once the bytes reached the socket, or they would be discarded with it.
    if (text === '') setImmediate(drop);
    else this.response.write(text, drop);
  }
}

/** Writes each chunk once the previous one has been handed to the socket, then ends. */
function writeInTurn(
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
    writeInTurn(response, chunks, index + 1);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits text into at most `pieces` non-empty pieces on code-point boundaries. */
export function splitText(text: string, pieces: number): string[] {
  const points = Array.from(text);
  const size = Math.max(1, Math.ceil(points.length / Math.max(1, pieces)));
  const out: string[] = [];
  for (let start = 0; start < points.length; start += size) {
    out.push(points.slice(start, start + size).join(''));
  }
  return out;
}
