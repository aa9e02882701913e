/**
 * Streams that go wrong, through the real gateway with the official SDKs.
 *
 * Once the first byte has gone to the client nothing is retried: a stream
 * cut or ended early upstream reaches the client as the parts sent so far
 * and then an explicit error (never a normal finish), after exactly one
 * upstream request, audited as `truncated`. A failure before the first part
 * is still routed like any other. A client that goes away is audited as
 * `client_aborted` and its upstream connection is closed.
 */
import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import OpenAI, { APIError as OpenAiApiError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptLines, waitForOutcome } from './support/audit-trail.ts';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeBehaviour, FakeUpstream } from './support/fake-upstream-types.ts';
import { captureReplyStream, sseEventTexts } from './support/sse-capture.ts';
import { startSseReplayUpstream, type SseReplayUpstream } from './support/sse-replay-upstream.ts';
import { WITHOUT_OUTPUT_GUARDS } from './support/guard-config.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let upstreamThatHolds: SseReplayUpstream;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

/** The prompt; the fakes answer `echo: abcdef`, streamed in three pieces: `echo`, `: ab`, `cdef`. */
const PROMPT = 'abcdef';
const ANSWER = 'echo: abcdef';

beforeAll(async () => {
  openaiUpstream = await startFakeOpenAiUpstream();
  anthropicUpstream = await startFakeAnthropicUpstream();
  upstreamThatHolds = await startSseReplayUpstream();
  gateway = await startTestGateway(
    {
      providers: {
        oa: { kind: 'openai', baseUrl: openaiUpstream.baseUrl, apiKey: 'env:OA_KEY' },
        an: { kind: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'env:AN_KEY' },
        held: { kind: 'openai', baseUrl: `${upstreamThatHolds.origin}/v1`, apiKey: 'env:OA_KEY' },
      },
      models: {
        gpt: { targets: [{ provider: 'oa', model: 'm-stream' }] },
        claude: { targets: [{ provider: 'an', model: 'claude-stream' }] },
        'early-failure': {
          targets: [
            { provider: 'oa', model: 'm-early' },
            { provider: 'an', model: 'claude-early' },
          ],
        },
        held: { targets: [{ provider: 'held', model: 'm-held' }] },
        silent: { targets: [{ provider: 'held', model: 'm-silent' }] },
        stalling: { targets: [{ provider: 'held', model: 'm-stall', timeoutMs: 150 }] },
      },
      routing: {
        attemptTimeoutMs: 1_000,
        retry: { maxRetriesPerTarget: 1, baseDelayMs: 1, maxDelayMs: 10 },
        // Truncations count against a target; keep these tests from opening circuits.
        breaker: { failureThreshold: 100 },
      },
      // What the client got before a fault is the point here; the stream
      // guard would hold it back (test/guards.test.ts covers guarded streams).
      guards: WITHOUT_OUTPUT_GUARDS,
    },
    { OA_KEY: 'sk-upstream-openai', AN_KEY: 'sk-ant-upstream' },
  );
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'open-mode', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'open-mode', maxRetries: 0 });
});

afterAll(async () => {
  await gateway.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
  await upstreamThatHolds.close();
});

beforeEach(() => {
  openaiUpstream.reset();
  anthropicUpstream.reset();
});

/** What a streaming client saw: the text, whether the stream finished normally, and how it failed. */
interface Seen {
  readonly text: string;
  readonly finished: boolean;
  /** The gateway's error code from the in-stream error event, if the stream failed. */
  readonly errorCode: string | undefined;
  readonly requestId: string;
}

async function streamWithOpenAi(model: string, signal?: AbortSignal): Promise<Seen> {
  const { data, response } = await openai.chat.completions
    .create(
      { model, stream: true, messages: [{ role: 'user', content: PROMPT }] },
      signal === undefined ? {} : { signal },
    )
    .withResponse();
  let text = '';
  let finished = false;
  let errorCode: string | undefined;
  try {
    for await (const chunk of data) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (typeof chunk.choices[0]?.finish_reason === 'string') finished = true;
    }
  } catch (error) {
    if (!(error instanceof OpenAiApiError)) throw error;
    errorCode = typeof error.code === 'string' ? error.code : undefined;
  }
  return { text, finished, errorCode, requestId: response.headers.get('x-request-id') ?? '' };
}

async function streamWithAnthropic(model: string): Promise<Seen> {
  const { data, response } = await anthropic.messages
    .create({ model, max_tokens: 100, stream: true, messages: [{ role: 'user', content: PROMPT }] })
    .withResponse();
  let text = '';
  let finished = false;
  let errorCode: string | undefined;
  try {
    for await (const event of data) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        text += event.delta.text;
      }
      if (event.type === 'message_stop') finished = true;
    }
  } catch (error) {
    if (!(error instanceof AnthropicApiError)) throw error;
    // The SDK keeps the whole error event body: {type: 'error', error: {type, message, code}}.
    errorCode = (error.error as { error?: { code?: string } } | undefined)?.error?.code;
  }
  return { text, finished, errorCode, requestId: response.headers.get('request-id') ?? '' };
}

const CLIENTS = { openai: streamWithOpenAi, anthropic: streamWithAnthropic } as const;

/** `afterEvents` for each fake so that two text pieces (`echo: ab`) are sent before the cut. */
const EVENTS_BEFORE_CUT = { gpt: 3, claude: 5 } as const;
const TARGETS = { gpt: 'oa/m-stream', claude: 'an/claude-stream' } as const;

describe('a stream that fails after its first byte', () => {
  const cases = [
    { client: 'openai', model: 'gpt' },
    { client: 'anthropic', model: 'claude' },
    { client: 'anthropic', model: 'gpt' },
    { client: 'openai', model: 'claude' },
  ] as const;

  it.each(cases)(
    'cut mid-event: the $client client gets the parts so far, then an explicit error, from one request ($model upstream)',
    async ({ client, model }) => {
      const fake = model === 'gpt' ? openaiUpstream : anthropicUpstream;
      fake.enqueue({ kind: 'stream-cut', afterEvents: EVENTS_BEFORE_CUT[model], midEvent: true });
      const seen = await CLIENTS[client](model);
      expect(seen.text).toBe('echo: ab');
      expect(seen.finished).toBe(false);
      expect(seen.errorCode).toBe('upstream_truncated');
      expect(fake.requests).toHaveLength(1);
      const outcome = await waitForOutcome(gateway, seen.requestId);
      expect(outcome.outcome).toBe('truncated');
      expect(outcome.data.errorCode).toBe('upstream_truncated');
      expect(attemptLines(outcome)).toEqual([`${TARGETS[model]}#1 ok ok`]);
    },
  );

  it.each(cases)(
    'ended cleanly without its terminal event: the $client client gets the whole text, then an explicit error ($model upstream)',
    async ({ client, model }) => {
      const fake = model === 'gpt' ? openaiUpstream : anthropicUpstream;
      fake.enqueue({ kind: 'stream-no-terminal' });
      const seen = await CLIENTS[client](model);
      expect(seen.text).toBe(ANSWER);
      expect(seen.finished).toBe(false);
      expect(seen.errorCode).toBe('upstream_truncated');
      expect(fake.requests).toHaveLength(1);
      const outcome = await waitForOutcome(gateway, seen.requestId);
      expect(outcome.outcome).toBe('truncated');
    },
  );

  it('ends a stream that stalls past the target timeout with an upstream_timeout error and closes the upstream connection', async () => {
    upstreamThatHolds.serve({ chunks: await firstOpenAiEvents(3), then: 'hold' });
    const closedBefore = upstreamThatHolds.socketsClosed;
    const seen = await streamWithOpenAi('stalling');
    expect(seen.text).toBe('abcdefgh');
    expect(seen.finished).toBe(false);
    expect(seen.errorCode).toBe('upstream_timeout');
    await upstreamThatHolds.waitForClosedSockets(closedBefore + 1);
    expect((await waitForOutcome(gateway, seen.requestId)).outcome).toBe('truncated');
  });
});

describe('a stream that fails before its first part', () => {
  it('falls back to the next target and the client sees a normal stream', async () => {
    const cutBeforeAnyEvent: FakeBehaviour = { kind: 'stream-cut', afterEvents: 0 };
    openaiUpstream.enqueue({ kind: 'status', status: 500 }, cutBeforeAnyEvent);
    anthropicUpstream.enqueue({ kind: 'reply', text: 'Fallback streams fine.', chunks: 3 });
    const seen = await streamWithOpenAi('early-failure');
    expect(seen).toMatchObject({
      text: 'Fallback streams fine.',
      finished: true,
      errorCode: undefined,
    });
    const outcome = await waitForOutcome(gateway, seen.requestId);
    expect(outcome.outcome).toBe('complete');
    expect(attemptLines(outcome)).toEqual([
      'oa/m-early#1 retry upstream_error 500',
      'oa/m-early#2 fallback upstream_truncated (retries_exhausted)',
      'an/claude-early#1 ok ok',
    ]);
  });
});

describe('a client that goes away', () => {
  it('mid-stream: audited as client_aborted, and the upstream connection is closed', async () => {
    upstreamThatHolds.serve({ chunks: await firstOpenAiEvents(3), then: 'hold' });
    const closedBefore = upstreamThatHolds.socketsClosed;
    const controller = new AbortController();
    const { data, response } = await openai.chat.completions
      .create(
        { model: 'held', stream: true, messages: [{ role: 'user', content: PROMPT }] },
        { signal: controller.signal },
      )
      .withResponse();
    const pieces: string[] = [];
    const ended = await (async () => {
      for await (const chunk of data) {
        const piece = chunk.choices[0]?.delta.content;
        if (typeof piece === 'string' && piece !== '') pieces.push(piece);
        if (pieces.length === 2) controller.abort();
      }
    })().then(
      () => 'ended',
      (error: unknown) => (error instanceof Error ? error.name : 'thrown'),
    );
    // The SDK ends the iteration quietly on its own abort (or throws its abort error).
    expect(['ended', 'APIUserAbortError', 'AbortError']).toContain(ended);
    expect(pieces.join('')).toBe('abcdefgh');
    await upstreamThatHolds.waitForClosedSockets(closedBefore + 1);
    const outcome = await waitForOutcome(gateway, response.headers.get('x-request-id') ?? '');
    expect(outcome.outcome).toBe('client_aborted');
    expect(attemptLines(outcome)).toEqual(['held/m-held#1 ok ok']);
  });

  it('while the upstream has not sent a part yet: audited as client_aborted, and the upstream connection is closed', async () => {
    upstreamThatHolds.serve({ chunks: [], then: 'hold' });
    const closedBefore = upstreamThatHolds.socketsClosed;
    const requestsBefore = upstreamThatHolds.requests;
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'silent',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
      signal: controller.signal,
    }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : 'thrown'),
    );
    while (upstreamThatHolds.requests === requestsBefore)
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toBe('AbortError');
    await upstreamThatHolds.waitForClosedSockets(closedBefore + 1);
    const outcome = await waitForOutcome(gateway, { alias: 'silent' });
    expect(outcome.outcome).toBe('client_aborted');
    expect(attemptLines(outcome)).toEqual(['held/m-silent#1 failed client_aborted']);
  });
});

/**
 * The first `count` SSE events of a real OpenAI stream answering `abcdefghijkl`
 * in three pieces (the role chunk, then `abcd`, `efgh`, `ijkl`, …), for the held upstream.
 */
async function firstOpenAiEvents(count: number): Promise<string[]> {
  const bytes = await captureReplyStream(openaiUpstream, 'openai', {
    kind: 'reply',
    text: 'abcdefghijkl',
    chunks: 3,
  });
  openaiUpstream.reset();
  return sseEventTexts(bytes).slice(0, count);
}
