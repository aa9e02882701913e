/**
 * The node:http plumbing shared by the fake upstream providers: loopback on
 * port 0, request bodies read (capped) and recorded, a queue of scripted
 * behaviours, and the faults of `FakeBehaviour` (resets, hangs, cut and
 * unterminated streams, raw SSE). What each provider's answers and errors
 * look like on the wire is its `FakeWire` (see `fake-wire.ts`).
 *
 * A plain module (no vitest): `tsc` compiles it for the benchmark, which
 * drives thousands of requests per second through it, so each answer is
 * built as one string and written once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeExchange, writeInTurn } from './fake-upstream-exchange.ts';
import type { FakeBehaviour, FakeUpstream, RecordedRequest } from './fake-upstream-types.ts';
import { isRecord } from './fake-wire.ts';
import type { FakeChat, FakeWire } from './fake-wire.ts';

/** Larger bodies are answered 413 (and not kept): a fake must not grow without bound. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

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
      const exchange = new FakeExchange(wire, request, response, ++sequence);
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

  function route(exchange: FakeExchange<Chat>, body: unknown): void {
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

  function act(exchange: FakeExchange<Chat>, chat: Chat, behaviour: FakeBehaviour): void {
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
        exchange.json(
          status,
          wire.statusError(status, exchange.sequence, errorType, message),
          headers,
        );
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

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
