/**
 * One request to a fake upstream and the ways the fake can answer it: JSON,
 * a whole event stream, a stream cut off mid-way, raw chunks, or the
 * provider's error for a request it cannot serve.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeChat, FakeWire, ReplyBehaviour, RequestProblem } from './fake-wire.ts';

const SSE = 'text/event-stream; charset=utf-8';
const JSON_TYPE = 'application/json';

/** One request and its response, with the ways a fake answers. */
export class FakeExchange<Chat extends FakeChat> {
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
export function writeInTurn(
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
