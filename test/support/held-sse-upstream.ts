/**
 * An upstream that starts an SSE answer and then holds the connection open
 * without finishing it, on loopback (port 0). It answers any POST the same
 * way, so it can stand behind a provider of either kind.
 *
 * What the shared fakes cannot show: whether the gateway releases an
 * upstream connection that is still streaming when its client goes away or
 * the stream stalls. The server counts every socket the gateway opens and
 * every one it closes; a socket held by a stream can only close because the
 * gateway closed it (the server never ends a held response itself).
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HeldSseUpstream {
  /** `http://127.0.0.1:<port>`; any path is answered. */
  readonly origin: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Sockets the peer (the gateway) has closed so far. */
  readonly socketsClosed: number;
  /** The SSE text written for every following request before it holds (empty: headers only). */
  serve(events: readonly string[]): void;
  /** Resolves once `count` sockets have been closed by the gateway; rejects after `timeoutMs`. */
  waitForClosedSockets(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHeldSseUpstream(): Promise<HeldSseUpstream> {
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  let events: readonly string[] = [];
  let requests = 0;
  let socketsClosed = 0;
  let closing = false;

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      response.flushHeaders();
      for (const event of events) response.write(event);
      held.add(response);
      response.on('close', () => held.delete(response));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (closing) return;
      socketsClosed++;
      for (const wake of waiters) wake();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get socketsClosed() {
      return socketsClosed;
    },
    serve(next) {
      events = [...next];
    },
    waitForClosedSockets(count, timeoutMs = 2_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (socketsClosed < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${socketsClosed} of ${count} upstream sockets closed in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      closing = true;
      for (const response of held) response.destroy();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      });
    },
  };
}
