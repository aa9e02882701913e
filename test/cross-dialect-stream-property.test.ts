/**
 * Property: how the upstream's SSE bytes are chunked on the wire never
 * changes what a client of the other dialect receives.
 *
 * For a random answer (ASCII, CJK, emoji and arbitrary code points; 0–2
 * tool calls with JSON arguments), a fake upstream produces its exact SSE
 * bytes once. They are then replayed to the gateway whole, and again split
 * at random byte offsets, including inside multi-byte UTF-8 characters, each
 * piece delivered on its own. The client-side events (JSON payloads, with
 * the encoder's `created` timestamp set aside) must be identical, and must
 * carry the generated answer: text, tool calls, usage and stop reason.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from './support/fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import {
  readAnthropicStream,
  readOpenAiStream,
  type ReceivedAnswer,
} from './support/read-client-stream.ts';
import { captureReplyStream, parseSseText, type UpstreamDialect } from './support/sse-capture.ts';
import { startSseReplayUpstream, type SseReplayUpstream } from './support/sse-replay-upstream.ts';
import { WITHOUT_OUTPUT_GUARDS } from './support/guard-config.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

const NUM_RUNS = 25;

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let replay: SseReplayUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  openaiUpstream = await startFakeOpenAiUpstream({ recordRequests: false });
  anthropicUpstream = await startFakeAnthropicUpstream();
  replay = await startSseReplayUpstream();
  gateway = await startTestGateway(
    {
      providers: {
        'oa-replay': { kind: 'openai', baseUrl: `${replay.origin}/v1`, apiKey: 'env:UPSTREAM_KEY' },
        'an-replay': { kind: 'anthropic', baseUrl: replay.origin, apiKey: 'env:UPSTREAM_KEY' },
      },
      models: {
        'openai-upstream': { targets: [{ provider: 'oa-replay', model: 'gpt-replayed' }] },
        'anthropic-upstream': { targets: [{ provider: 'an-replay', model: 'claude-replayed' }] },
      },
      routing: { attemptTimeoutMs: 5_000, retry: { maxRetriesPerTarget: 0 } },
      // Arbitrary answers (mixed-script keys, digit runs) are what output guards
      // exist to redact; this test is about translation, not guards.
      guards: WITHOUT_OUTPUT_GUARDS,
    },
    { UPSTREAM_KEY: 'sk-upstream' },
  );
});

afterAll(async () => {
  await gateway.close();
  await replay.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

interface Answer {
  readonly text: string | undefined;
  readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
  readonly usage: { readonly input: number; readonly output: number };
  /** How many pieces the fake streams the text in. */
  readonly chunks: number;
}

const textArbitrary = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 10 }),
      fc.constantFrom(
        '😀',
        '👩‍💻',
        '🇯🇵',
        '漢字',
        '日本語の文章',
        'é',
        'ß',
        '\n',
        '"',
        '\\',
        '\u2028',
      ),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text !== '');

const toolCallArbitrary = fc.record({
  name: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/),
  arguments: fc
    .dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 3,
    })
    .map((input) => JSON.stringify(input)),
});

const answerArbitrary: fc.Arbitrary<Answer> = fc
  .record({
    text: fc.option(textArbitrary, { nil: undefined }),
    toolCalls: fc.array(toolCallArbitrary, { maxLength: 2 }),
    usage: fc.record({
      input: fc.integer({ min: 1, max: 5_000 }),
      output: fc.integer({ min: 1, max: 5_000 }),
    }),
    chunks: fc.integer({ min: 1, max: 5 }),
  })
  // Without text or tool calls the fakes would make up an echo answer.
  .filter((answer) => answer.text !== undefined || answer.toolCalls.length > 0);

/** Where to cut the bytes: anywhere, and inside some multi-byte characters. */
interface Cuts {
  /** Offsets, taken modulo the body length. */
  readonly anywhere: readonly number[];
  /** Picks among the body's multi-byte characters, to cut right after their first byte. */
  readonly insideCharacters: readonly number[];
}

const cutsArbitrary: fc.Arbitrary<Cuts> = fc.record({
  anywhere: fc.array(fc.nat(), { maxLength: 10 }),
  insideCharacters: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
});

/** Splits `bytes` at the chosen offsets; every piece is non-empty. */
function split(bytes: Buffer, cuts: Cuts): Buffer[] {
  const offsets = new Set<number>();
  if (bytes.length > 1)
    for (const cut of cuts.anywhere) offsets.add(1 + (cut % (bytes.length - 1)));
  // Lead bytes of multi-byte UTF-8 sequences (0b11xxxxxx); cutting after one splits its character.
  const leads = [...bytes.keys()].filter((index) => (bytes[index] ?? 0) >= 0xc0);
  if (leads.length > 0) {
    for (const pick of cuts.insideCharacters) offsets.add((leads[pick % leads.length] ?? 0) + 1);
  }
  const sorted = [...offsets].sort((a, b) => a - b);
  return [0, ...sorted].map((start, index) => bytes.subarray(start, sorted[index] ?? bytes.length));
}

/** Streams through the gateway from an `upstream` of one dialect to a client of the other. */
async function streamThroughGateway(
  upstream: UpstreamDialect,
  chunks: readonly Buffer[],
): Promise<string> {
  replay.serve({ chunks, then: 'end' });
  const messages = [{ role: 'user', content: 'Tell me.' }];
  const [path, body] =
    upstream === 'openai'
      ? ['/v1/messages', { model: 'openai-upstream', max_tokens: 1_000, stream: true, messages }]
      : [
          '/v1/chat/completions',
          {
            model: 'anthropic-upstream',
            stream: true,
            stream_options: { include_usage: true },
            messages,
          },
        ];
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'open-mode' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The client-side events as values: JSON payloads parsed, `created` (a wall-clock second) removed. */
function clientEvents(text: string): unknown[] {
  return parseSseText(text).map(({ event, data }) => {
    if (data === '[DONE]') return { event, data };
    const payload = JSON.parse(data) as Record<string, unknown>;
    delete payload.created;
    return { event, payload };
  });
}

/** The received answer must be the generated one, in the client's own dialect. */
function expectAnswer(
  received: ReceivedAnswer,
  answer: Answer,
  client: 'openai' | 'anthropic',
): void {
  const withTools = answer.toolCalls.length > 0;
  expect(received.terminal).toBe(true);
  expect(received.text).toBe(answer.text ?? '');
  expect(received.toolCalls.map((call) => call.name)).toEqual(
    answer.toolCalls.map((call) => call.name),
  );
  expect(received.toolCalls.map((call) => JSON.parse(call.arguments) as unknown)).toEqual(
    answer.toolCalls.map((call) => JSON.parse(call.arguments) as unknown),
  );
  if (client === 'anthropic') expect(received.stop).toBe(withTools ? 'tool_use' : 'end_turn');
  else expect(received.stop).toBe(withTools ? 'tool_calls' : 'stop');
  expect(received.usage).toEqual({ input: answer.usage.input, output: answer.usage.output });
}

describe('cross-dialect streams, re-chunked', () => {
  it.each([
    { upstream: 'openai', client: 'anthropic' },
    { upstream: 'anthropic', client: 'openai' },
  ] as const)(
    'an $upstream upstream reaches an $client client the same however its bytes are split',
    async ({ upstream, client }) => {
      const fake = upstream === 'openai' ? openaiUpstream : anthropicUpstream;
      const read = client === 'anthropic' ? readAnthropicStream : readOpenAiStream;
      await fc.assert(
        fc.asyncProperty(answerArbitrary, cutsArbitrary, async (answer, cuts) => {
          fake.reset();
          const bytes = await captureReplyStream(fake, upstream, {
            kind: 'reply',
            ...(answer.text === undefined ? {} : { text: answer.text }),
            toolCalls: answer.toolCalls,
            usage: answer.usage,
            chunks: answer.chunks,
          });
          const whole = await streamThroughGateway(upstream, [bytes]);
          expectAnswer(read(whole), answer, client);
          const pieces = split(bytes, cuts);
          const rechunked = await streamThroughGateway(upstream, pieces);
          expect(clientEvents(rechunked)).toEqual(clientEvents(whole));
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );
});
