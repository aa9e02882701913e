import { describe, expect, it } from 'vitest';
import type { ChatCall, ChatResult, ChatStreamPart } from '../chat/types.ts';
import { routingSchema } from '../config/schema.ts';
import { GatewayError } from '../errors.ts';
import type { AttemptContext, ModelBackend, Target } from '../providers/types.ts';
import { createRouter } from './router.ts';
import { NO_SUSPENSIONS } from './suspension-matcher.ts';
import type { RouteOutcome, RouteSuccess, StreamSuccess } from './types.ts';

const CALL: ChatCall = {
  dialect: 'anthropic',
  model: 'chat',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  stop: [],
  stream: true,
  includeUsage: true,
  passthrough: {},
};

function makeTarget(id: string, timeoutMs = 5_000): Target {
  const [provider = 'p', model = 'm'] = id.split('/');
  return {
    id,
    provider: {
      name: provider,
      kind: 'anthropic',
      baseUrl: 'http://127.0.0.1:1',
      headers: {},
      connections: 1,
    },
    model,
    timeoutMs,
    defaultMaxTokens: 1_024,
    regions: {},
  };
}

const START: ChatStreamPart = { type: 'start', id: 'msg_1', model: 'm' };
const TEXT: ChatStreamPart = { type: 'text-delta', text: 'hello' };
const FINISH: ChatStreamPart = {
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1 },
};

/** What a scripted stream does: yields `parts`, then ends, throws, or waits for its signal. */
interface StreamScript {
  readonly parts: readonly ChatStreamPart[];
  readonly then: 'end' | 'hang' | GatewayError;
  /** Delay before each part, ms. */
  readonly delayMs?: number;
}

class StreamingBackend implements ModelBackend {
  readonly calls: string[] = [];
  /** Targets whose stream iterator was closed early (the connection released). */
  readonly released: string[] = [];
  readonly #scripts = new Map<string, StreamScript>();

  script(targetId: string, script: StreamScript): this {
    this.#scripts.set(targetId, script);
    return this;
  }

  complete(): Promise<ChatResult> {
    return Promise.reject(new Error('not used'));
  }

  stream(
    _call: ChatCall,
    target: Target,
    context: AttemptContext,
  ): Promise<AsyncIterator<ChatStreamPart>> {
    this.calls.push(target.id);
    const script = this.#scripts.get(target.id) ?? { parts: [START, TEXT, FINISH], then: 'end' };
    const released = this.released;
    async function* generate(): AsyncGenerator<ChatStreamPart, void, undefined> {
      let finished = false;
      try {
        for (const part of script.parts) {
          if (script.delayMs !== undefined) await abortableDelay(script.delayMs, context.signal);
          yield part;
        }
        if (script.then === 'hang') await abortableDelay(60_000, context.signal);
        if (script.then instanceof GatewayError) throw script.then;
        finished = true;
      } finally {
        if (!finished) released.push(target.id);
      }
    }
    return Promise.resolve(generate());
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}

function setup(): {
  readonly backend: StreamingBackend;
  readonly stream: (targets: readonly Target[]) => Promise<RouteOutcome<StreamSuccess>>;
} {
  const backend = new StreamingBackend();
  const router = createRouter({
    routing: routingSchema.parse({ retry: { maxRetriesPerTarget: 0 } }),
    backendFor: () => backend,
    suspensions: () => NO_SUSPENSIONS,
    random: () => 0,
  });
  return {
    backend,
    stream: (targets) =>
      router.stream({
        call: CALL,
        targets,
        region: '',
        callerHeaders: {},
        signal: new AbortController().signal,
      }),
  };
}

function expectOk(outcome: RouteOutcome<StreamSuccess>): RouteSuccess<StreamSuccess> {
  if (outcome.kind !== 'ok') throw new Error(`expected a stream, got ${outcome.kind}`);
  return outcome;
}

async function drain(iterator: AsyncIterator<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return parts;
    parts.push(next.value);
  }
}

const A = makeTarget('alpha/model-a');
const B = makeTarget('beta/model-b');

describe('router: streaming', () => {
  it('hands over a stream once its first part has arrived', async () => {
    const { stream } = setup();
    const success = expectOk(await stream([A, B]));
    expect(success.first).toEqual(START);
    expect(success.target).toBe(A);
    expect(await drain(success.rest)).toEqual([TEXT, FINISH]);
    expect(success.attempts.map((record) => record.outcome)).toEqual(['ok']);
  });

  it('falls back when a stream fails before its first part', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, {
      parts: [],
      then: new GatewayError('upstream_overloaded', 'overloaded', { retryable: true }),
    });
    const success = expectOk(await stream([A, B]));
    expect(success.target).toBe(B);
    expect(
      success.attempts.map((record) => `${record.target} ${record.outcome} ${record.reason}`),
    ).toEqual(['alpha/model-a fallback upstream_overloaded', 'beta/model-b ok ok']);
  });

  it('treats a stream that ends before any part as a failed attempt', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, { parts: [], then: 'end' });
    const success = expectOk(await stream([A, B]));
    expect(success.target).toBe(B);
    expect(success.attempts[0]?.reason).toBe('upstream_truncated');
  });

  it('propagates a failure after the first part and never retries it', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, {
      parts: [START, TEXT],
      then: new GatewayError('upstream_truncated', 'cut', { retryable: true }),
    });
    const success = expectOk(await stream([A, B]));
    expect(await success.rest.next()).toEqual({ done: false, value: TEXT });
    await expect(success.rest.next()).rejects.toMatchObject({ code: 'upstream_truncated' });
    expect(backend.calls).toEqual([A.id]);
    // After a failure the stream stays finished.
    expect(await success.rest.next()).toEqual({ done: true, value: undefined });
  });

  it('closes the upstream stream when the consumer returns early', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, { parts: [START, TEXT, TEXT, TEXT], then: 'hang' });
    const success = expectOk(await stream([A]));
    await success.rest.next();
    await success.rest.return?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(backend.released).toEqual([A.id]);
  });

  it('times out a stream that stalls after handover', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, { parts: [START], then: 'hang' });
    const success = expectOk(await stream([makeTarget(A.id, 40)]));
    await expect(success.rest.next()).rejects.toMatchObject({ code: 'upstream_timeout' });
    expect(backend.released).toEqual([A.id]);
  });

  it('does not count time the consumer spends between parts as upstream inactivity', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, { parts: [START, TEXT, FINISH], then: 'end' });
    const success = expectOk(await stream([makeTarget(A.id, 30)]));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await drain(success.rest)).toEqual([TEXT, FINISH]);
  });

  it('gives the first part the attempt timeout, then falls back', async () => {
    const { backend, stream } = setup();
    backend.script(A.id, { parts: [START], delayMs: 1_000, then: 'end' });
    const success = expectOk(await stream([makeTarget(A.id, 30), B]));
    expect(success.target).toBe(B);
    expect(success.attempts[0]?.reason).toBe('upstream_timeout');
    expect(backend.released).toEqual([A.id]);
  });
});
