import { describe, expect, it } from 'vitest';
import type { ChatCall, ChatResult } from '../chat/types.ts';
import type { RoutingConfig } from '../config/schema.ts';
import { routingSchema } from '../config/schema.ts';
import type { ErrorCode } from '../errors.ts';
import { GatewayError } from '../errors.ts';
import { UpstreamStatusError } from '../providers/http-backend.ts';
import type { AttemptContext, ModelBackend, Target } from '../providers/types.ts';
import type { Suspension } from '../store/types.ts';
import type { RouterClock } from './clock.ts';
import { systemClock } from './clock.ts';
import { createRouter } from './router.ts';
import type { SuspensionMatcher } from './suspension-matcher.ts';
import { compileSuspensions, NO_SUSPENSIONS } from './suspension-matcher.ts';
import type { AttemptRecord, RouteOutcome, RouteRequest, RouterEvents } from './types.ts';

const CALL: ChatCall = {
  dialect: 'openai',
  model: 'chat',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  stop: [],
  stream: false,
  includeUsage: false,
  passthrough: {},
};

function makeTarget(id: string, overrides: Partial<Target> = {}): Target {
  const [provider = 'p', model = 'm'] = id.split('/');
  return {
    id,
    provider: {
      name: provider,
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:1',
      headers: {},
      connections: 1,
    },
    model,
    timeoutMs: 5_000,
    defaultMaxTokens: 1_024,
    regions: {},
    ...overrides,
  };
}

function answer(targetId: string): ChatResult {
  return {
    id: `answer-from-${targetId}`,
    model: targetId,
    content: [{ type: 'text', text: 'ok' }],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1 },
  };
}

function status(
  code: ErrorCode,
  upstreamStatus: number,
  retryable: boolean,
  retryAfterMs?: number,
): GatewayError {
  return new UpstreamStatusError(upstreamStatus, {
    code,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

type Step =
  | { readonly kind: 'ok' }
  | { readonly kind: 'fail'; readonly error: GatewayError }
  /** Never settles on its own; rejects when the attempt's signal aborts. */
  | { readonly kind: 'hang' }
  /** Never settles at all, even when aborted (a backend that ignores its signal). */
  | { readonly kind: 'ignore-signal' }
  /** Settles when the test says so. */
  | { readonly kind: 'deferred'; readonly settle: Promise<void> };

class ScriptedBackend implements ModelBackend {
  readonly calls: string[] = [];
  readonly #scripts = new Map<string, Step[]>();

  script(targetId: string, ...steps: Step[]): this {
    this.#scripts.set(targetId, [...(this.#scripts.get(targetId) ?? []), ...steps]);
    return this;
  }

  async complete(_call: ChatCall, target: Target, context: AttemptContext): Promise<ChatResult> {
    this.calls.push(target.id);
    const step = this.#scripts.get(target.id)?.shift() ?? { kind: 'ok' };
    switch (step.kind) {
      case 'ok':
        return answer(target.id);
      case 'fail':
        throw step.error;
      case 'hang':
        return new Promise<ChatResult>((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            reject(new GatewayError('upstream_error', 'aborted'));
          });
        });
      case 'ignore-signal':
        return new Promise<ChatResult>(() => undefined);
      case 'deferred':
        await step.settle;
        return answer(target.id);
    }
  }

  stream(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
}

function fakeClock(): {
  readonly clock: RouterClock;
  readonly sleeps: number[];
  advance(ms: number): void;
} {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (ms) => {
      time += ms;
    },
    clock: {
      now: () => time,
      sleep: (ms, signal) => {
        sleeps.push(ms);
        time += ms;
        return signal.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve();
      },
    },
  };
}

interface Harness {
  readonly backend: ScriptedBackend;
  readonly sleeps: number[];
  readonly fallbacks: [string, string][];
  readonly breakerChanges: [string, string][];
  advance(ms: number): void;
  complete(
    targets: readonly Target[],
    overrides?: Partial<RouteRequest>,
  ): ReturnType<ReturnType<typeof createRouter>['complete']>;
}

function harness(
  routing: Parameters<typeof routingSchema.parse>[0] = {},
  options: { suspensions?: SuspensionMatcher; realClock?: boolean } = {},
): Harness {
  const config: RoutingConfig = routingSchema.parse(routing);
  const backend = new ScriptedBackend();
  const fake = fakeClock();
  const fallbacks: [string, string][] = [];
  const breakerChanges: [string, string][] = [];
  const events: RouterEvents = {
    onFallback: (from, to) => fallbacks.push([from, to]),
    onBreakerChange: (id, state) => breakerChanges.push([id, state]),
  };
  const router = createRouter({
    routing: config,
    backendFor: () => backend,
    suspensions: () => options.suspensions ?? NO_SUSPENSIONS,
    events,
    clock: options.realClock === true ? systemClock : fake.clock,
    random: () => 0.5,
  });
  return {
    backend,
    sleeps: fake.sleeps,
    fallbacks,
    breakerChanges,
    advance: (ms) => {
      fake.advance(ms);
    },
    complete: (targets, overrides = {}) =>
      router.complete({
        call: CALL,
        targets,
        region: '',
        callerHeaders: {},
        signal: new AbortController().signal,
        ...overrides,
      }),
  };
}

function summary(attempts: readonly AttemptRecord[]): string[] {
  return attempts.map(
    (record) =>
      `${record.target}#${record.attempt} ${record.outcome} ${record.reason}${record.detail === undefined ? '' : ` (${record.detail})`}`,
  );
}

function expectFailed<T>(outcome: RouteOutcome<T>): GatewayError {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`);
  return outcome.error;
}

function suspension(pattern: string, reason: string): Suspension {
  return { pattern, reason, source: 'admin', createdAt: 0, createdBy: 'test' };
}

const A = makeTarget('alpha/model-a');
const B = makeTarget('beta/model-b');
const C = makeTarget('gamma/model-c');

describe('router: retries', () => {
  it('retries a 429 after waiting the Retry-After the upstream asked for', async () => {
    const test = harness();
    test.backend.script(A.id, {
      kind: 'fail',
      error: status('upstream_rate_limited', 429, true, 2_000),
    });
    const outcome = await test.complete([A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.sleeps).toEqual([2_000]);
    expect(outcome.attempts[0]).toMatchObject({
      outcome: 'retry',
      reason: 'upstream_rate_limited',
      status: 429,
    });
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 retry upstream_rate_limited',
      'alpha/model-a#2 ok ok',
    ]);
  });

  it('retries a 500 after a jittered backoff and returns the answer', async () => {
    const test = harness({ retry: { baseDelayMs: 100 } });
    test.backend.script(A.id, { kind: 'fail', error: status('upstream_error', 500, true) });
    const outcome = await test.complete([A]);
    if (outcome.kind !== 'ok') throw new Error('expected success');
    expect(outcome.result.id).toBe('answer-from-alpha/model-a');
    expect(outcome.target).toBe(A);
    // Full jitter with random() = 0.5 over the first step of 100 ms.
    expect(test.sleeps).toEqual([50]);
  });

  it('falls back instead of waiting for a Retry-After beyond maxRetryAfterMs', async () => {
    const test = harness({ retry: { maxRetryAfterMs: 10_000 } });
    test.backend.script(A.id, {
      kind: 'fail',
      error: status('upstream_rate_limited', 429, true, 60_000),
    });
    const outcome = await test.complete([A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.sleeps).toEqual([]);
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 fallback upstream_rate_limited (retry_after_too_long)',
      'beta/model-b#1 ok ok',
    ]);
  });

  it('falls back when the retry budget is spent', async () => {
    const test = harness({ retry: { budgetRatio: 0, minRetriesPerSecond: 0 } });
    test.backend.script(A.id, { kind: 'fail', error: status('upstream_overloaded', 503, true) });
    const outcome = await test.complete([A, B]);
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 fallback upstream_overloaded (budget_exhausted)',
      'beta/model-b#1 ok ok',
    ]);
  });

  it('never makes more than maxAttempts attempts across targets', async () => {
    const test = harness({ maxAttempts: 3, retry: { maxRetriesPerTarget: 5 } });
    const fail = { kind: 'fail', error: status('upstream_error', 500, true) } as const;
    test.backend.script(A.id, fail, fail, fail, fail).script(B.id, fail, fail);
    const outcome = await test.complete([A, B]);
    expect(test.backend.calls).toEqual([A.id, A.id, A.id]);
    expect(expectFailed(outcome).code).toBe('upstream_error');
    expect(outcome.attempts.at(-1)).toMatchObject({ outcome: 'failed', detail: 'max_attempts' });
  });
});

describe('router: fallback', () => {
  it('tries targets in order, recording each attempt and why it moved on', async () => {
    const test = harness({ retry: { maxRetriesPerTarget: 1 } });
    const fail = { kind: 'fail', error: status('upstream_error', 502, true) } as const;
    test.backend
      .script(A.id, fail, fail)
      .script(B.id, { kind: 'fail', error: status('upstream_model_unavailable', 404, false) });
    const outcome = await test.complete([A, B, C]);
    expect(outcome.kind).toBe('ok');
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 retry upstream_error',
      'alpha/model-a#2 fallback upstream_error (retries_exhausted)',
      'beta/model-b#1 fallback upstream_model_unavailable',
      'gamma/model-c#1 ok ok',
    ]);
    expect(test.fallbacks).toEqual([
      [A.id, B.id],
      [B.id, C.id],
    ]);
  });

  it('falls back at once, without a retry, when the provider reports the model unavailable', async () => {
    // The provider adapters mark this retryable (another target may serve it).
    const test = harness({ retry: { maxRetriesPerTarget: 3 } });
    test.backend.script(A.id, {
      kind: 'fail',
      error: status('upstream_model_unavailable', 404, true),
    });
    const outcome = await test.complete([A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.backend.calls).toEqual([A.id, B.id]);
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 fallback upstream_model_unavailable',
      'beta/model-b#1 ok ok',
    ]);
  });

  it('falls back at once on an authentication failure', async () => {
    const test = harness();
    test.backend.script(A.id, { kind: 'fail', error: status('upstream_auth_failed', 401, false) });
    const outcome = await test.complete([A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.backend.calls).toEqual([A.id, B.id]);
    expect(test.sleeps).toEqual([]);
  });

  it('returns a caller error at once: another target would refuse the request too', async () => {
    const test = harness();
    test.backend.script(A.id, {
      kind: 'fail',
      error: status('upstream_invalid_request', 400, false),
    });
    const outcome = await test.complete([A, B]);
    expect(expectFailed(outcome).code).toBe('upstream_invalid_request');
    expect(test.backend.calls).toEqual([A.id]);
  });

  it('returns the last upstream error, with its Retry-After, when every target fails', async () => {
    const test = harness({ retry: { maxRetriesPerTarget: 0 } });
    test.backend
      .script(A.id, { kind: 'fail', error: status('upstream_error', 500, true) })
      .script(B.id, { kind: 'fail', error: status('upstream_rate_limited', 429, true, 2_500) });
    const error = expectFailed(await test.complete([A, B]));
    expect(error.code).toBe('upstream_rate_limited');
    expect(error.retryAfterSeconds).toBe(3);
  });

  it('visits each target once even when the list repeats it', async () => {
    const test = harness({ retry: { maxRetriesPerTarget: 0 } });
    test.backend.script(A.id, { kind: 'fail', error: status('upstream_error', 500, true) });
    const outcome = await test.complete([A, A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.backend.calls).toEqual([A.id, B.id]);
  });
});

describe('router: circuit breaker', () => {
  it('opens after consecutive failures, skips the target, then closes after one good probe', async () => {
    const test = harness({
      retry: { maxRetriesPerTarget: 0 },
      breaker: { failureThreshold: 2, cooldownMs: 1_000 },
    });
    const fail = { kind: 'fail', error: status('upstream_overloaded', 503, true) } as const;
    test.backend.script(A.id, fail, fail);
    await test.complete([A, B]);
    await test.complete([A, B]);
    expect(test.breakerChanges).toEqual([[A.id, 'open']]);

    const skipped = await test.complete([A, B]);
    expect(summary(skipped.attempts)).toEqual([
      'alpha/model-a#0 skipped circuit_open',
      'beta/model-b#1 ok ok',
    ]);

    test.advance(1_000);
    const probe = await test.complete([A, B]);
    expect(summary(probe.attempts)).toEqual(['alpha/model-a#1 ok ok']);
    expect(test.breakerChanges).toEqual([
      [A.id, 'open'],
      [A.id, 'half-open'],
      [A.id, 'closed'],
    ]);
  });

  it('lets exactly one request probe a half-open target at a time', async () => {
    const test = harness({
      retry: { maxRetriesPerTarget: 0 },
      breaker: { failureThreshold: 1, cooldownMs: 1_000 },
    });
    let release = (): void => undefined;
    const settle = new Promise<void>((resolve) => {
      release = resolve;
    });
    test.backend.script(
      A.id,
      { kind: 'fail', error: status('upstream_error', 500, true) },
      { kind: 'deferred', settle },
    );
    await test.complete([A, B]);
    test.advance(1_000);
    const probe = test.complete([A, B]);
    const concurrent = await test.complete([A, B]);
    expect(summary(concurrent.attempts)).toEqual([
      'alpha/model-a#0 skipped circuit_open',
      'beta/model-b#1 ok ok',
    ]);
    release();
    expect((await probe).kind).toBe('ok');
    expect(test.breakerChanges.at(-1)).toEqual([A.id, 'closed']);
  });

  it('does not count caller errors against the target', async () => {
    const test = harness({ breaker: { failureThreshold: 1 } });
    test.backend.script(A.id, {
      kind: 'fail',
      error: status('upstream_invalid_request', 400, false),
    });
    await test.complete([A]);
    expect(test.breakerChanges).toEqual([]);
    expect((await test.complete([A])).kind).toBe('ok');
  });

  it('answers no_available_target with the time until a probe when every circuit is open', async () => {
    const test = harness({
      retry: { maxRetriesPerTarget: 0 },
      breaker: { failureThreshold: 1, cooldownMs: 30_000 },
    });
    const fail = { kind: 'fail', error: status('upstream_error', 500, true) } as const;
    test.backend.script(A.id, fail).script(B.id, fail);
    await test.complete([A, B]);
    test.advance(10_000);
    const error = expectFailed(await test.complete([A, B]));
    expect(error.code).toBe('no_available_target');
    expect(error.retryAfterSeconds).toBe(20);
  });
});

describe('router: suspensions and jurisdiction', () => {
  it('skips a suspended target and falls back to the next', async () => {
    const test = harness(
      {},
      { suspensions: compileSuspensions([suspension('alpha/*', 'vendor advisory')]) },
    );
    const outcome = await test.complete([A, B]);
    expect(outcome.kind).toBe('ok');
    expect(test.backend.calls).toEqual([B.id]);
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#0 skipped suspended',
      'beta/model-b#1 ok ok',
    ]);
  });

  it('answers model_suspended with the operator reasons when every target is suspended', async () => {
    const matcher = compileSuspensions([
      suspension('model-a', 'CVE-2025-0001'),
      suspension('beta/*', 'Contract ended'),
    ]);
    const test = harness({}, { suspensions: matcher });
    const error = expectFailed(await test.complete([A, B]));
    expect(error.code).toBe('model_suspended');
    expect(error.status).toBe(503);
    expect(error.message).toContain('CVE-2025-0001');
    expect(error.message).toContain('Contract ended');
    expect(test.backend.calls).toEqual([]);
  });

  it('skips targets outside the key region and serves from an allowed one', async () => {
    const test = harness();
    const euOnly = makeTarget('alpha/model-a', { regions: { allow: ['eu'] } });
    const outcome = await test.complete([euOnly, B], { region: 'us' });
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#0 skipped jurisdiction',
      'beta/model-b#1 ok ok',
    ]);
  });

  it('answers jurisdiction_blocked naming the region when no target may serve it', async () => {
    const test = harness();
    const euOnly = makeTarget('alpha/model-a', { regions: { allow: ['eu'] } });
    const notUs = makeTarget('beta/model-b', { regions: { deny: ['us'] } });
    const error = expectFailed(await test.complete([euOnly, notUs], { region: 'us' }));
    expect(error.code).toBe('jurisdiction_blocked');
    expect(error.status).toBe(451);
    expect(error.message).toContain("region 'us'");
    const noRegion = expectFailed(await test.complete([euOnly], { region: '' }));
    expect(noRegion.message).toContain('keys without a region');
  });

  it('prefers the reason explaining most targets and still mentions a suspension', async () => {
    const test = harness(
      {},
      { suspensions: compileSuspensions([suspension('gamma/*', 'Under review')]) },
    );
    const euOnly = { regions: { allow: ['eu'] } };
    const targets = [makeTarget('alpha/model-a', euOnly), makeTarget('beta/model-b', euOnly), C];
    const error = expectFailed(await test.complete(targets, { region: 'us' }));
    expect(error.code).toBe('jurisdiction_blocked');
    expect(error.message).toContain('Under review');
  });
});

describe('router: time and cancellation', () => {
  it('times out a hanging attempt and falls back', async () => {
    const test = harness({ retry: { maxRetriesPerTarget: 0 } }, { realClock: true });
    test.backend.script(A.id, { kind: 'hang' });
    const outcome = await test.complete([makeTarget(A.id, { timeoutMs: 30 }), B]);
    expect(outcome.kind).toBe('ok');
    expect(outcome.attempts[0]).toMatchObject({ outcome: 'fallback', reason: 'upstream_timeout' });
    expect(outcome.attempts[0]?.durationMs).toBeGreaterThanOrEqual(25);
  });

  it('ends an attempt on time even when the backend ignores its signal', async () => {
    const test = harness({ retry: { maxRetriesPerTarget: 0 } }, { realClock: true });
    test.backend.script(A.id, { kind: 'ignore-signal' });
    const outcome = await test.complete([makeTarget(A.id, { timeoutMs: 30 }), B]);
    expect(outcome.kind).toBe('ok');
    expect(outcome.attempts[0]?.reason).toBe('upstream_timeout');
  });

  it('answers deadline_exceeded when the overall deadline runs out, backoff included', async () => {
    const test = harness(
      { deadlineMs: 100, retry: { maxRetriesPerTarget: 0 } },
      { realClock: true },
    );
    test.backend
      .script(A.id, { kind: 'hang' })
      .script(B.id, { kind: 'hang' })
      .script(C.id, { kind: 'hang' });
    const slow = { timeoutMs: 60 };
    const started = performance.now();
    const outcome = await test.complete([
      makeTarget(A.id, slow),
      makeTarget(B.id, slow),
      makeTarget(C.id, slow),
    ]);
    expect(performance.now() - started).toBeLessThan(400);
    expect(expectFailed(outcome).code).toBe('deadline_exceeded');
    expect(summary(outcome.attempts)).toEqual([
      'alpha/model-a#1 fallback upstream_timeout (retries_exhausted)',
      'beta/model-b#1 failed deadline_exceeded (deadline)',
    ]);
    expect(test.backend.calls).not.toContain(C.id);
  });

  it('stops everything at once when the client goes away', async () => {
    const test = harness({}, { realClock: true });
    test.backend.script(A.id, { kind: 'hang' });
    const client = new AbortController();
    const pending = test.complete([A, B], { signal: client.signal });
    setTimeout(() => {
      client.abort();
    }, 10);
    const outcome = await pending;
    expect(outcome.kind).toBe('client-aborted');
    expect(summary(outcome.attempts)).toEqual(['alpha/model-a#1 failed client_aborted']);
    expect(test.backend.calls).toEqual([A.id]);
  });

  it('makes no attempt for a client already gone', async () => {
    const test = harness();
    const client = new AbortController();
    client.abort();
    const outcome = await test.complete([A], { signal: client.signal });
    expect(outcome.kind).toBe('client-aborted');
    expect(test.backend.calls).toEqual([]);
  });
});
