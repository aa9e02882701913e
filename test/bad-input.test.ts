/**
 * Bad request bodies against the real gateway, in both dialects: each is
 * refused with its stable code in the caller's own error shape, the message
 * gives nothing internal away, and the audit log still records the refusal.
 * Limits are set small (64 KiB bodies, depth 16, 8 messages, 4 tools) so
 * the over-limit cases stay cheap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from './support/deadline.ts';
import { requestIdOf } from './support/audit-records.ts';
import { anthropicChat, openAiChat, requestJson, type JsonReply } from './support/http-json.ts';
import { chunk, LAST_CHUNK, rawExchange, requestHead } from './support/raw-http.ts';
import { WITHOUT_INPUT_INJECTION_GUARD } from './support/guard-config.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';
import { internalDetails, readWireError, type WireDialect } from './support/wire-errors.ts';

const BODY_LIMIT = 64 * 1024;
const MAX_DEPTH = 16;
const MAX_MESSAGES = 8;
const MAX_TOOLS = 4;

let gateway: TestGateway;
let key: string;

beforeAll(async () => {
  gateway = await startTestGateway({
    server: {
      bodyLimitBytes: BODY_LIMIT,
      maxJsonDepth: MAX_DEPTH,
      maxMessages: MAX_MESSAGES,
      maxTools: MAX_TOOLS,
    },
    // `[{[{…` (the depth test's string content) scores as an injection; these
    // tests are about parsing, guards are tested in test/guards.test.ts.
    guards: WITHOUT_INPUT_INJECTION_GUARD,
  });
  // A key ends open mode and may use sim/echo only, so model_not_allowed can be provoked.
  ({ secret: key } = await gateway.gateway.store.keys.create({
    name: 'bad-input',
    models: ['sim/echo'],
  }));
});

afterAll(async () => {
  await gateway.close();
});

interface DialectCase {
  readonly dialect: WireDialect;
  readonly path: string;
  readonly headers: () => Record<string, string>;
  /** A valid body with `fields` merged over it. */
  readonly body: (fields?: Record<string, unknown>) => Record<string, unknown>;
  /** A tool definition in this dialect with the given name and parameter schema. */
  readonly tool: (name: string, schema: unknown) => Record<string, unknown>;
}

const DIALECT_CASES: readonly DialectCase[] = [
  {
    dialect: 'openai',
    path: '/v1/chat/completions',
    headers: () => ({ authorization: `Bearer ${key}` }),
    body: (fields = {}) => ({ ...openAiChat('sim/echo'), ...fields }),
    tool: (name, schema) => ({ type: 'function', function: { name, parameters: schema } }),
  },
  {
    dialect: 'anthropic',
    path: '/v1/messages',
    headers: () => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }),
    body: (fields = {}) => ({ ...anthropicChat('sim/echo'), ...fields }),
    tool: (name, schema) => ({ name, input_schema: schema }),
  },
];

function send(
  dialect: DialectCase,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = dialect.headers(),
): Promise<JsonReply> {
  return within(
    5_000,
    `POST ${dialect.path}`,
    requestJson(`${gateway.url}${dialect.path}`, { method: 'POST', headers, body }),
  );
}

/**
 * The refusal is in the dialect's exact shape with `code`, says nothing
 * internal, and is in the audit log as a rejected request with that code.
 */
function expectRefused(reply: JsonReply, dialect: DialectCase, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  const error = readWireError(reply.json, dialect.dialect);
  expect(error, `not a ${dialect.dialect} error body: ${reply.text}`).toBeDefined();
  expect(error?.code).toBe(code);
  expect(error?.message.length).toBeGreaterThan(0);
  expect(internalDetails(reply.text)).toEqual([]);
  const requestId = requestIdOf(reply.headers);
  // A refusal is committed to the audit log before it is answered.
  const rows = gateway.gateway.store.audit.query({ requestId, outcome: 'rejected' });
  expect(rows).toHaveLength(1);
  expect(rows[0]?.data['errorCode']).toBe(code);
  expect(rows[0]?.data['status']).toBe(status);
}

function messages(count: number): { role: string; content: string }[] {
  return Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `turn ${index}`,
  }));
}

describe.each(DIALECT_CASES)('$dialect dialect ($path) refuses bad bodies', (dialect) => {
  it('answers a valid request, so every refusal below is about the body alone', async () => {
    const reply = await send(dialect, dialect.body());
    expect(reply.status, reply.text).toBe(200);
  });

  it('refuses malformed JSON with invalid_json', async () => {
    expectRefused(
      await send(dialect, '{"model": "sim/echo", "messages": ['),
      dialect,
      400,
      'invalid_json',
    );
  });

  it('refuses an empty body with invalid_json', async () => {
    expectRefused(await send(dialect, ''), dialect, 400, 'invalid_json');
  });

  it.each(['[]', '"hello"', '42', 'null', 'true'])(
    'refuses the JSON value %s, which is not an object, with invalid_json',
    async (text) => {
      expectRefused(await send(dialect, text), dialect, 400, 'invalid_json');
    },
  );

  it.each([
    ['messages is not an array', { messages: 'hello' }, 'messages'],
    ['a message content is a number', { messages: [{ role: 'user', content: 42 }] }, 'content'],
    ['temperature is a string', { temperature: 'hot' }, 'temperature'],
    ['model is a number', { model: 7 }, 'model'],
    ['a message has an unknown role', { messages: [{ role: 'wizard', content: 'hi' }] }, 'role'],
  ])('refuses a body where %s with invalid_request naming the field', async (_, fields, field) => {
    const reply = await send(dialect, dialect.body(fields));
    expectRefused(reply, dialect, 400, 'invalid_request');
    const error = readWireError(reply.json, dialect.dialect);
    // OpenAI names the field in `param`; Anthropic in the message, as each API does.
    expect(dialect.dialect === 'openai' ? error?.param : error?.message).toContain(field);
  });

  it('refuses a body over server.bodyLimitBytes sent with Content-Length with 413 body_too_large', async () => {
    const reply = await send(dialect, dialect.body({ padding: 'x'.repeat(BODY_LIMIT + 1) }));
    expectRefused(reply, dialect, 413, 'body_too_large');
  });

  it('refuses a chunked body that grows over server.bodyLimitBytes with 413 body_too_large', async () => {
    const head = requestHead('POST', dialect.path, {
      host: 'localhost',
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
      ...dialect.headers(),
    });
    const opening = JSON.stringify(dialect.body()).slice(0, -1) + ',"padding":"';
    const piece = 'y'.repeat(16 * 1024);
    const reply = await rawExchange(gateway.url, [
      head,
      chunk(opening),
      ...Array.from({ length: 6 }, () => chunk(piece)),
      chunk('"}'),
      LAST_CHUNK,
    ]);
    expectRefused(
      {
        status: reply.status,
        headers: new Headers(reply.headers),
        text: reply.body,
        json: JSON.parse(reply.body) as unknown,
      },
      dialect,
      413,
      'body_too_large',
    );
  });

  it('refuses JSON nested deeper than server.maxJsonDepth with too_deeply_nested', async () => {
    const depth = MAX_DEPTH + 4;
    const text =
      JSON.stringify(dialect.body()).slice(0, -1) +
      `,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expectRefused(await send(dialect, text), dialect, 400, 'too_deeply_nested');
  });

  it('counts only structure toward the depth limit, not brackets inside strings', async () => {
    const content = '[{'.repeat(MAX_DEPTH * 2);
    const reply = await send(dialect, dialect.body({ messages: [{ role: 'user', content }] }));
    expect(reply.status, reply.text).toBe(200);
  });

  it('refuses more than server.maxMessages messages with too_many_messages', async () => {
    const reply = await send(dialect, dialect.body({ messages: messages(MAX_MESSAGES + 1) }));
    expectRefused(reply, dialect, 400, 'too_many_messages');
  });

  it('refuses more than server.maxTools tools with too_many_messages', async () => {
    const tools = Array.from({ length: MAX_TOOLS + 1 }, (_, index) =>
      dialect.tool(`tool_${index}`, { type: 'object', properties: {} }),
    );
    expectRefused(await send(dialect, dialect.body({ tools })), dialect, 400, 'too_many_messages');
  });

  it.each([
    ['a parameter schema that is not an object schema', 'lookup', { type: 'string' }],
    ['a parameter schema that is not JSON Schema at all', 'lookup', 'anything goes'],
    ['a tool name with spaces', 'look up', { type: 'object' }],
    ['a tool name longer than any API allows', 'x'.repeat(200), { type: 'object' }],
  ])('refuses %s with invalid_tool_schema', async (_, name, schema) => {
    const reply = await send(dialect, dialect.body({ tools: [dialect.tool(name, schema)] }));
    expectRefused(reply, dialect, 400, 'invalid_tool_schema');
  });

  it('refuses two tools with the same name with invalid_tool_schema', async () => {
    const tool = dialect.tool('lookup', { type: 'object' });
    const reply = await send(dialect, dialect.body({ tools: [tool, tool] }));
    expectRefused(reply, dialect, 400, 'invalid_tool_schema');
  });

  it('refuses an alias that does not exist with 404 unknown_model', async () => {
    const reply = await send(dialect, dialect.body({ model: 'no-such-alias' }));
    expectRefused(reply, dialect, 404, 'unknown_model');
  });

  it('refuses an alias the key may not use with 403 model_not_allowed', async () => {
    const reply = await send(dialect, dialect.body({ model: 'sim/obedient' }));
    expectRefused(reply, dialect, 403, 'model_not_allowed');
  });

  it('refuses a request without a key with 401 missing_api_key', async () => {
    const headers = { ...dialect.headers() };
    delete headers['authorization'];
    delete headers['x-api-key'];
    expectRefused(await send(dialect, dialect.body(), headers), dialect, 401, 'missing_api_key');
  });

  it('refuses an unknown key with 401 invalid_api_key', async () => {
    const headers: Record<string, string> = {
      ...dialect.headers(),
      authorization: 'Bearer rf_not-a-real-key',
    };
    delete headers['x-api-key'];
    expectRefused(await send(dialect, dialect.body(), headers), dialect, 401, 'invalid_api_key');
  });
});
