/**
 * Bad input below the body: wrong methods and paths, malformed HTTP, a
 * client that stalls and vanishes, and a flood of bad requests. The gateway
 * answers each in the caller's error shape with a stable code, never
 * crashes, and keeps serving good requests afterwards.
 */
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from './support/deadline.ts';
import { waitFor } from './support/audit-records.ts';
import { openAiChat, requestJson, type JsonReply } from './support/http-json.ts';
import { rawExchange, requestHead, stallThenDisconnect } from './support/raw-http.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';
import { internalDetails, readWireError, type WireDialect } from './support/wire-errors.ts';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ server: { bodyLimitBytes: 64 * 1024 } });
});

afterAll(async () => {
  await gateway.close();
});

function call(path: string, init: Parameters<typeof requestJson>[1] = {}): Promise<JsonReply> {
  return within(5_000, `${init.method ?? 'GET'} ${path}`, requestJson(gateway.url + path, init));
}

function expectWireError(reply: JsonReply, dialect: WireDialect, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  const error = readWireError(reply.json, dialect);
  expect(error, `not a ${dialect} error body: ${reply.text}`).toBeDefined();
  expect(error?.code).toBe(code);
  expect(internalDetails(reply.text)).toEqual([]);
}

/** Proof of life: the gateway still answers a good request. */
async function expectServing(): Promise<void> {
  const reply = await call('/v1/chat/completions', { body: openAiChat('sim/echo', 'still here?') });
  expect(reply.status, reply.text).toBe(200);
  expect(JSON.stringify(reply.json)).toContain('echo: still here?');
}

function rejectedCount(): number {
  return gateway.gateway.store.audit.query({ outcome: 'rejected', limit: 10_000 }).length;
}

describe('wrong method or path', () => {
  it.each([
    ['GET', '/v1/chat/completions', 'openai', 'POST'],
    ['PUT', '/v1/chat/completions', 'openai', 'POST'],
    ['GET', '/v1/messages', 'anthropic', 'POST'],
    ['DELETE', '/v1/messages', 'anthropic', 'POST'],
    ['POST', '/v1/models', 'openai', 'GET'],
  ] as const)(
    'answers %s %s with 405 method_not_allowed in the %s shape and an Allow header',
    async (method, path, dialect, allow) => {
      const reply = await call(path, { method });
      expectWireError(reply, dialect, 405, 'method_not_allowed');
      expect(reply.headers.get('allow')).toBe(allow);
    },
  );

  it('answers an unknown path with 404 not_found in the OpenAI shape', async () => {
    expectWireError(await call('/v1/completions-of-the-future'), 'openai', 404, 'not_found');
  });

  it('answers an unknown path with 404 not_found in the Anthropic shape for Anthropic clients', async () => {
    const reply = await call('/v1/complete', {
      method: 'POST',
      headers: { 'anthropic-version': '2023-06-01' },
      body: { prompt: 'legacy API' },
    });
    expectWireError(reply, 'anthropic', 404, 'not_found');
  });

  it('matches paths literally: dot segments reach no endpoint, a query string changes none', async () => {
    // Sent raw: fetch would resolve the dot segments before sending.
    const raw = await rawExchange(gateway.url, [
      requestHead('GET', '/v1/../admin/v1/keys', { host: 'localhost', connection: 'close' }),
    ]);
    expect(raw.status).toBe(404);
    expect(readWireError(JSON.parse(raw.body), 'openai')?.code).toBe('not_found');
    const reply = await call('/v1/chat/completions?debug=1', { body: openAiChat('sim/echo') });
    expect(reply.status, reply.text).toBe(200);
  });
});

describe('malformed HTTP', () => {
  it.each([
    ['a request line that is not HTTP', 'THIS IS NOT HTTP\r\n\r\n'],
    [
      'a header line without a colon',
      'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n',
    ],
    [
      'a bad chunk size',
      requestHead('POST', '/v1/chat/completions', { host: 'x', 'transfer-encoding': 'chunked' }) +
        'zz\r\n{}\r\n0\r\n\r\n',
    ],
    [
      'both Content-Length and chunked encoding',
      requestHead('POST', '/v1/chat/completions', {
        host: 'x',
        'content-length': 2,
        'transfer-encoding': 'chunked',
      }) + '2\r\n{}\r\n0\r\n\r\n',
    ],
  ])('answers %s with 400 and keeps serving', async (_, bytes) => {
    const reply = await rawExchange(gateway.url, [bytes]);
    expect(reply.status).toBe(400);
    expect(internalDetails(reply.body)).toEqual([]);
    await expectServing();
  });
});

describe('a client that stalls and disconnects', () => {
  it('records the abandoned request as rejected and keeps serving', async () => {
    const before = rejectedCount();
    const head = requestHead('POST', '/v1/chat/completions', {
      host: 'localhost',
      'content-type': 'application/json',
      'content-length': 4_096,
    });
    const said = await stallThenDisconnect(gateway.url, head, '{"model":"sim/echo","mess', 200);
    expect(said).toBe(''); // nothing was answered before the client left
    const rows = await waitFor(() => {
      const rejected = gateway.gateway.store.audit.query({
        outcome: 'rejected',
        newestFirst: true,
        limit: 10_000,
      });
      return rejected.length > before ? rejected : undefined;
    }, 'the audit record of the abandoned request');
    const outcome = rows[0];
    expect(outcome?.data['errorCode']).toBe('invalid_request');
    const intent = gateway.gateway.store.audit.query({
      requestId: outcome?.requestId ?? '',
      type: 'request.intent',
    });
    expect(intent[0]?.data['path']).toBe('/v1/chat/completions');
    await expectServing();
  });

  it('survives a client that leaves mid-headers', async () => {
    const said = await stallThenDisconnect(
      gateway.url,
      'POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-le',
      '',
      100,
    );
    expect(said).toBe('');
    await expectServing();
  });
});

describe('a flood of bad requests', () => {
  it('answers thousands of concurrent bad requests correctly and still serves a good one', async () => {
    const count = 2_000;
    const before = rejectedCount();
    // 2,000 requests over at most 256 connections at once: concurrency well beyond
    // the gateway's normal load on two cores, without testing the kernel's accept queue.
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const bodies = [
      '{"model":',
      '[]',
      JSON.stringify(openAiChat('no-such-alias')),
      JSON.stringify({ model: 'sim/echo', messages: 'not a list' }),
    ];
    const expected = [
      [400, 'invalid_json'],
      [400, 'invalid_json'],
      [404, 'unknown_model'],
      [400, 'invalid_request'],
    ] as const;
    try {
      const replies = await within(
        30_000,
        `${count} bad requests`,
        Promise.all(
          Array.from({ length: count }, (_, index) =>
            post(agent, bodies[index % bodies.length] ?? ''),
          ),
        ),
      );
      const wrong = replies.filter((reply, index) => {
        const [status, code] = expected[index % expected.length] ?? [0, ''];
        return reply.status !== status || !reply.body.includes(`"code":"${code}"`);
      });
      expect(wrong).toEqual([]);
    } finally {
      agent.destroy();
    }
    expect(rejectedCount() - before).toBe(count);
    await expectServing();
  }, 60_000);
});

function post(agent: Agent, body: string): Promise<{ status: number; body: string }> {
  const url = new URL('/v1/chat/completions', gateway.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
