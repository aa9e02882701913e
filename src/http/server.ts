/**
 * The HTTP server: `node:http` with keep-alive, bounded header and request
 * times, and a graceful close that stops accepting, lets in-flight requests
 * finish up to a deadline, then destroys what is left.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly keepAliveTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

export interface HttpServer {
  /** The bound address, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly port: number;
  /** Requests currently being handled. */
  inFlight(): number;
  /**
   * Stops accepting connections, waits up to `graceMs` for in-flight requests,
   * then destroys the remaining sockets. Idle keep-alive sockets close at once.
   */
  close(graceMs: number): Promise<void>;
}

export async function startHttpServer(
  handler: RequestHandler,
  options: HttpServerOptions,
): Promise<HttpServer> {
  const sockets = new Set<Socket>();
  const busy = new WeakMap<Socket, number>();
  let active = 0;
  let closing = false;

  const server: Server = createServer(
    {
      keepAliveTimeout: options.keepAliveTimeoutMs,
      // Slowloris guard: headers must arrive quickly; bodies are bounded by size.
      headersTimeout: 30_000,
      requestTimeout: options.requestTimeoutMs,
      noDelay: true,
      // Room for the `sim/scripted` response header (base64url JSON) on top of normal headers.
      maxHeaderSize: 64 * 1024,
    },
    (request, response) => {
      const socket = request.socket;
      active++;
      busy.set(socket, (busy.get(socket) ?? 0) + 1);
      response.once('close', () => {
        active--;
        const remaining = (busy.get(socket) ?? 1) - 1;
        busy.set(socket, remaining);
        // While draining, a keep-alive socket is closed as soon as it is idle.
        if (closing && remaining === 0) socket.destroySoon();
      });
      if (closing) response.setHeader('connection', 'close');
      handler(request, response);
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A malformed request line or header: answer 400 and drop the socket, never crash.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue (the kernel caps it at net.core.somaxconn) so a
    // burst of new connections waits to be accepted instead of being reset.
    server.listen({ port: options.port, host: options.host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    inFlight: () => active,
    async close(graceMs) {
      closing = true;
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      for (const socket of sockets) {
        if ((busy.get(socket) ?? 0) === 0) socket.destroySoon();
      }
      const deadline = Date.now() + graceMs;
      while (active > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
