/**
 * A minimal Node.js proxy, for scenario (g): `node:http` in, an undici
 * `Pool` out, the body forwarded as received and the answer returned as
 * received. No parsing, no audit, no routing: the floor of latency any
 * Node.js gateway meets on this machine, so the gateway's own share of its
 * added latency can be told apart from the cost of one more process hop.
 *
 * Forked by the benchmark with the upstream origin as its argument; reports
 * its URL over IPC and exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

/** The message the child sends once it listens. */
export interface MinimalProxyReady {
  readonly type: 'ready';
  readonly url: string;
}

const origin = process.argv[2];
if (origin === undefined) throw new Error('usage: minimal-proxy-process UPSTREAM_ORIGIN');
const pool = new Pool(origin, { connections: 128, pipelining: 1 });

const server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    pool
      .request({
        path: request.url ?? '/',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      })
      .then(async (upstream) => {
        const text = await upstream.body.text();
        response.writeHead(upstream.statusCode, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const ready: MinimalProxyReady = { type: 'ready', url: `http://127.0.0.1:${port}` };
  process.send?.(ready);
});

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  void pool.destroy().finally(() => process.exit(0));
}
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
