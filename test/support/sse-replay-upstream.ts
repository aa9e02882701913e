/**
 * An upstream that replays given SSE body bytes, chunk by chunk, on loopback
 * (port 0). It answers any POST the same way, so it can stand behind a
 * provider of either kind. Two things the shared fakes cannot do:
 *
 * - Deliver chunk boundaries to the gateway. The fakes write every chunk at
 *   once, and in one process the gateway then reads them as one. Here each
 *   chunk is written on its own and the next one only after a pause, so the
 *   gateway's reads see the boundaries (a split inside a UTF-8 character
 *   really arrives split).
 * - Hold a stream open after its last chunk, to show whether the gateway
 *   releases an upstream connection when its client goes away or the stream
 *   stalls. Every socket the gateway closes is counted; a held response is
 *   never ended by this server, so only the gateway can close its socket.
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SseReplay {
  /** Body chunks, each written separately, in order. */
  readonly chunks: readonly (string | Uint8Array)[];
  /** After the last chunk: end the response, or hold it open until the gateway closes it. */
  readonly then: 'end' | 'hold';
  /** Pause between chunks (default 1 ms): long enough for the gateway to read each one apart. */
  readonly pauseMs?: number;
}

export interface SseReplayUpstream {
  /** `http://127.0.0.1:<port>`; any path is answered. */
  readonly origin: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Sockets closed by the peer (the gateway) so far. */
  readonly socketsClosed: number;
  /** What every following request is answered with (200, `text/event-stream`). */
  serve(replay: SseReplay): void;
  /** Resolves once `count` sockets have been closed by the gateway; rejects after `timeoutMs`. */
  waitForClosedSockets(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSseReplayUpstream(): Promise<SseReplayUpstream> {
  const sockets = new Set<Socket>();
  const responses = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let replay: SseReplay = { chunks: [], then: 'end' };
  let requests = 0;
  let socketsClosed = 0;
  let closing = false;

  function play(response: ServerResponse, current: SseReplay, index: number): void {
    if (response.destroyed) return;
    const chunk = current.chunks[index];
    if (chunk === undefined) {
      if (current.then === 'end') response.end();
      return;
    }
    response.write(chunk, () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        play(response, current, index + 1);
      }, current.pauseMs ?? 1);
      timers.add(timer);
    });
  }

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      responses.add(response);
      response.on('close', () => responses.delete(response));
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      response.flushHeaders();
      play(response, replay, 0);
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
      replay = { ...next, chunks: [...next.chunks] };
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
          reject(new Error(`${socketsClosed} of ${count} sockets closed after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const response of responses) response.destroy();
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
