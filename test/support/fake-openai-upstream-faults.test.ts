/**
 * The fake OpenAI upstream driven by the gateway's OpenAI adapter: complete
 * and cut streams, resets, hangs, delays and error bodies as the adapter
 * reads them.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { parseSse } from '../../src/http/sse/parse-sse.ts';
import { openAiAdapter } from '../../src/providers/openai/adapter.ts';
import type { Target } from '../../src/providers/types.ts';
import { chatCall, openAiTarget, userText, withoutApiKey } from './canonical-fixtures.ts';
import { startFakeOpenAiUpstream } from './fake-openai-upstream.ts';
import type { FakeUpstream } from './fake-upstream-types.ts';

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeOpenAiUpstream();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('the fake OpenAI upstream, driven by the OpenAI adapter', () => {
  const target = (): Target =>
    withoutApiKey(openAiTarget({ baseUrl: fake.baseUrl }, { model: 'gpt-4o-mini' }));
  const call = chatCall({ dialect: 'anthropic', messages: [userText('ping')], stream: true });

  /** The body's chunks until it ends or the connection drops (noted in `dropped`). */
  async function* untilClosed(
    body: AsyncIterable<Uint8Array>,
    dropped: { value: boolean },
  ): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of body) yield chunk;
    } catch {
      dropped.value = true;
    }
  }

  async function streamParts(dropped = { value: false }): Promise<string[]> {
    const request = openAiAdapter.buildRequest(call, target());
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    const body = response.body;
    if (body === null) throw new Error('no body');
    const types: string[] = [];
    for await (const part of openAiAdapter.parseStream(parseSse(untilClosed(body, dropped)))) {
      types.push(part.type === 'text-delta' ? part.text : part.type);
    }
    return types;
  }

  it('streams a complete answer with usage', async () => {
    expect(await streamParts()).toEqual(['start', 'echo', ': pi', 'ng', 'finish']);
    expect(fake.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it.each([
    ['a cut before any event', { kind: 'stream-cut', afterEvents: 0 }, true],
    ['a cut between events', { kind: 'stream-cut', afterEvents: 2 }, true],
    [
      'a cut in the middle of an event',
      { kind: 'stream-cut', afterEvents: 2, midEvent: true },
      true,
    ],
    ['a cut just before [DONE]', { kind: 'stream-cut', afterEvents: 6, midEvent: true }, true],
    ['a stream without [DONE]', { kind: 'stream-no-terminal' }, false],
  ] as const)('reports %s as upstream_truncated', async (_name, behaviour, drops) => {
    fake.enqueue(behaviour);
    const dropped = { value: false };
    await expect(streamParts(dropped)).rejects.toMatchObject({ code: 'upstream_truncated' });
    expect(dropped.value).toBe(drops);
  });

  it('drops the connection on reset and keeps quiet on hang', async () => {
    fake.enqueue({ kind: 'reset' }, { kind: 'hang' });
    const request = openAiAdapter.buildRequest({ ...call, stream: false }, target());
    const init = { method: 'POST', headers: request.headers, body: request.body };
    await expect(fetch(request.url, init)).rejects.toThrow();
    await expect(
      fetch(request.url, { ...init, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(fake.requests).toHaveLength(2);
  });

  it('delays a reply and uses the given error type as the code', async () => {
    fake.enqueue(
      { kind: 'reply', text: 'late', delayMs: 30 },
      { kind: 'status', status: 400, errorType: 'context_length_exceeded', message: 'too long' },
    );
    const request = openAiAdapter.buildRequest({ ...call, stream: false }, target());
    const init = { method: 'POST', headers: request.headers, body: request.body };
    const started = Date.now();
    const ok = await fetch(request.url, init);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(openAiAdapter.parseResponse(await ok.json()).content).toEqual([
      { type: 'text', text: 'late' },
    ]);
    const failed = await fetch(request.url, init);
    const body: unknown = await failed.json();
    expect(body).toEqual({
      error: {
        message: 'too long',
        type: 'invalid_request_error',
        param: null,
        code: 'context_length_exceeded',
      },
    });
    expect(openAiAdapter.classifyError(failed.status, body, {})).toEqual({
      code: 'upstream_invalid_request',
      retryable: false,
      message: 'too long',
    });
  });
});

describe('the fake OpenAI upstream without recording', () => {
  it('answers but keeps no requests when recording is off', async () => {
    const quiet = await startFakeOpenAiUpstream({ recordRequests: false });
    try {
      const response = await fetch(`${quiet.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hey' }] }),
      });
      expect(openAiAdapter.parseResponse(await response.json()).content).toEqual([
        { type: 'text', text: 'echo: hey' },
      ]);
      expect(quiet.requests).toEqual([]);
      const missing = await fetch(`${quiet.baseUrl}/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    } finally {
      await quiet.close();
    }
  });
});
