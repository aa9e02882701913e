import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import type { UpstreamClient } from './upstream-client.ts';
import { createUpstreamClient } from './upstream-client.ts';

interface Loopback {
  readonly url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Loopback> {
  const server: Server = createServer(handler);
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{
  readonly server: Loopback;
  readonly client: UpstreamClient;
}> {
  const server = await listen(handler);
  const client = createUpstreamClient({ defaultConnections: 4 });
  cleanups.push(
    () => server.close(),
    () => client.destroy(),
  );
  return { server, client };
}

const never = new AbortController().signal;

describe('createUpstreamClient', () => {
  it('sends a POST and returns the status, headers and body', async () => {
    const { server, client } = await setup((request, response) => {
      void readBody(request).then((body) => {
        response.writeHead(201, {
          'content-type': 'application/json',
          'x-echo-path': request.url ?? '',
        });
        response.end(
          JSON.stringify({ method: request.method, body, auth: request.headers.authorization }),
        );
      });
    });
    const response = await client.send(
      { url: `${server.url}/v1/chat?x=1`, headers: { authorization: 'Bearer k' }, body: '{"a":1}' },
      never,
    );
    expect(response.status).toBe(201);
    expect(response.headers['x-echo-path']).toBe('/v1/chat?x=1');
    expect(JSON.parse(await response.body.text(1_000))).toEqual({
      method: 'POST',
      body: '{"a":1}',
      auth: 'Bearer k',
    });
  });

  it('keeps connections alive between sequential requests', async () => {
    const { server, client } = await setup((_request, response) => response.end('ok'));
    for (let index = 0; index < 10; index++) {
      const response = await client.send({ method: 'GET', url: server.url, headers: {} }, never);
      expect(await response.body.text(10)).toBe('ok');
    }
    // undici may open a second connection while the first is still settling
    // its previous response; after that, connections are reused.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('maps a reset connection to a retryable upstream_error', async () => {
    const { server, client } = await setup((request) => request.socket.destroy());
    await expect(
      client.send({ url: server.url, headers: {}, body: '{}' }, never),
    ).rejects.toMatchObject({
      code: 'upstream_error',
      retryable: true,
    });
  });

  it('maps a refused connection to a retryable upstream_error', async () => {
    const { server, client } = await setup((_request, response) => response.end());
    const url = server.url;
    await server.close();
    await expect(client.send({ url, headers: {}, body: '{}' }, never)).rejects.toMatchObject({
      code: 'upstream_error',
      retryable: true,
    });
  });

  it('rejects with the GatewayError the attempt was aborted with', async () => {
    const { server, client } = await setup(() => undefined);
    const controller = new AbortController();
    const reason = new GatewayError('upstream_timeout', 'too slow', { retryable: true });
    setTimeout(() => {
      controller.abort(reason);
    }, 20);
    await expect(
      client.send({ url: server.url, headers: {}, body: '{}' }, controller.signal),
    ).rejects.toBe(reason);
  });

  it('maps a TimeoutError abort to a retryable upstream_timeout', async () => {
    const { server, client } = await setup(() => undefined);
    await expect(
      client.send({ url: server.url, headers: {}, body: '{}' }, AbortSignal.timeout(20)),
    ).rejects.toMatchObject({ code: 'upstream_timeout', retryable: true });
  });

  it('refuses a body larger than the caller allows', async () => {
    const { server, client } = await setup((_request, response) => response.end('x'.repeat(100)));
    const response = await client.send({ url: server.url, headers: {}, body: '{}' }, never);
    await expect(response.body.text(10)).rejects.toMatchObject({ code: 'upstream_bad_response' });
  });

  it('truncates a long body when asked to', async () => {
    const { server, client } = await setup((_request, response) =>
      response.end('0123456789'.repeat(10)),
    );
    const response = await client.send({ url: server.url, headers: {}, body: '{}' }, never);
    expect(await response.body.text(15, 'truncate')).toBe('012345678901234');
  });

  it('maps a connection cut mid-body to upstream_truncated', async () => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('partial', () => response.socket?.destroy());
    });
    const response = await client.send({ url: server.url, headers: {}, body: '{}' }, never);
    await expect(response.body.text(10_000)).rejects.toMatchObject({
      code: 'upstream_truncated',
      retryable: true,
    });
  });

  it('streams the body as chunks and closes the connection when discarded', async () => {
    let closed = false;
    const { server, client } = await setup((_request, response) => {
      response.on('close', () => {
        closed = true;
      });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
    });
    const response = await client.send({ url: server.url, headers: {}, body: '{}' }, never);
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('data: 1\n\n');
    response.body.discard();
    await expect.poll(() => closed).toBe(true);
  });

  it('rejects URLs that are not http or https', async () => {
    const client = createUpstreamClient();
    cleanups.push(() => client.close());
    await expect(
      client.send({ url: 'file:///etc/passwd', headers: {} }, never),
    ).rejects.toMatchObject({
      code: 'upstream_error',
    });
  });

  it('refuses new requests once closed', async () => {
    const { server, client } = await setup((_request, response) => response.end('ok'));
    await client.close();
    await expect(client.send({ url: server.url, headers: {} }, never)).rejects.toMatchObject({
      code: 'shutting_down',
    });
  });
});
