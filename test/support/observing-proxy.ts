/**
 * A loopback pass-through in front of a fake upstream that calls `observe`
 * the moment a request reaches it (headers received, before the body is
 * forwarded): tests use it to check what the gateway had already done by
 * the time an upstream saw anything, e.g. that the audit intent was
 * committed first.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ObservingProxy {
  /** The target's base URL with the proxy's origin (same path, e.g. `/v1`). */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startObservingProxy(
  targetBaseUrl: string,
  observe: (path: string) => void,
): Promise<ObservingProxy> {
  const target = new URL(targetBaseUrl);
  const server = createServer((incoming, outgoing) => {
    observe(incoming.url ?? '/');
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent: false,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    async close() {
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}
