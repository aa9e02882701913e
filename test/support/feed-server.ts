/**
 * A loopback HTTP server standing in for a suspension feed (a vendor's or a
 * security team's list of withdrawn models). Tests change what it serves
 * between polls: a good list, invalid JSON, or an error status.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  readonly url: string;
  /** Polls received so far. */
  readonly polls: number;
  /** What the next polls receive. */
  serve(status: number, body: string): void;
  close(): Promise<void>;
}

export async function startFeedServer(status: number, body: string): Promise<FeedServer> {
  let current = { status, body };
  let polls = 0;
  const server = createServer((request, response) => {
    polls++;
    request.resume();
    response.writeHead(current.status, { 'content-type': 'application/json' });
    response.end(current.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/suspended-models.json`,
    get polls() {
      return polls;
    },
    serve(nextStatus, nextBody) {
      current = { status: nextStatus, body: nextBody };
    },
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
