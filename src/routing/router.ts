/**
 * The router: serves one request from the first target that can, retrying
 * and falling back within the operator's limits.
 *
 * For each target, in order: skip it when it is suspended, outside the
 * key's jurisdiction, or its circuit is open; otherwise attempt it up to
 * `1 + maxRetriesPerTarget` times. Every attempt has its own timeout
 * (`target.timeoutMs`) and all of them, backoff included, share the
 * request's deadline (`routing.deadlineMs`) and the client's signal.
 *
 * After a failed attempt:
 * - the client went away → stop at once (`client-aborted`);
 * - the request itself is bad (`upstream_invalid_request`, `invalid_*`) →
 *   return that error: another target would refuse it too;
 * - retryable → retry the same target after backoff, if retries, the retry
 *   budget, the upstream's `Retry-After` and the deadline all allow;
 *   otherwise fall back to the next target;
 * - not retryable (auth, model unavailable, …) → fall back at once.
 * Each target is visited once and `maxAttempts` caps attempts overall.
 *
 * A stream attempt succeeds only when its first canonical part has arrived,
 * so failures before anything reached the client are retried like any
 * other; after that the stream is handed over and never retried.
 */
import type { RoutingConfig } from '../config/schema.ts';
import type { GatewayError } from '../errors.ts';
import type { ModelBackend, Target } from '../providers/types.ts';
import { AttemptScope } from './attempt-scope.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { CircuitBreakers } from './circuit-breaker.ts';
import type { RouterClock } from './clock.ts';
import { systemClock } from './clock.ts';
import {
  countsAgainstTarget,
  isCallerError,
  retryAfterMs,
  retryHelpsSameTarget,
  upstreamStatus,
} from './failure-kind.ts';
import { finalError, RoutingTally } from './final-error.ts';
import { isRegionAllowed } from './jurisdiction.ts';
import { planRetry } from './retry-policy.ts';
import type { RetryBudget } from './retry-budget.ts';
import { RetryBudgets } from './retry-budget.ts';
import type { AttemptRun } from './attempt-run.ts';
import { ignoreLate, runComplete, runStream } from './attempt-run.ts';
import { discardLateStart, HandedOverStream } from './stream-handover.ts';
import type { SuspensionMatcher } from './suspension-matcher.ts';
import type {
  AttemptDetail,
  AttemptRecord,
  CompleteSuccess,
  RouteOutcome,
  RouteRequest,
  Router,
  RouterEvents,
  StreamSuccess,
} from './types.ts';

export interface RouterOptions {
  readonly routing: RoutingConfig;
  /** The backend serving a target (an HTTP backend per provider, or a `sim` model). */
  readonly backendFor: (target: Target) => ModelBackend;
  /** The current suspensions; called once per request, so changes apply to the next one. */
  readonly suspensions: () => SuspensionMatcher;
  readonly events?: RouterEvents;
  readonly clock?: RouterClock;
  /** Uniform in [0, 1); for backoff jitter. */
  readonly random?: () => number;
}

type RetryStep =
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'fallback'; readonly detail: AttemptDetail | undefined };

interface Served<Value> {
  readonly value: Value;
  readonly target: Target;
  readonly scope: AttemptScope;
  readonly startedAt: number;
}

export function createRouter(options: RouterOptions): Router {
  const { routing, backendFor, suspensions, events } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const onBreakerChange = events?.onBreakerChange?.bind(events);
  const breakers = new CircuitBreakers(routing.breaker, onBreakerChange);
  const budgets = new RetryBudgets(routing.retry);

  /**
   * Whether a failed attempt is retried at the same target, and after how
   * long; otherwise why not. Errors that are not retryable (auth, model
   * unavailable, …) fall back with no detail. The budget is asked last, so a
   * retry is taken from it only when one will really happen.
   */
  function decideRetry(
    error: GatewayError,
    attempt: number,
    breaker: CircuitBreaker,
    budget: RetryBudget,
    deadlineAt: number,
  ): RetryStep {
    // Model unavailable is retryable (the next target may serve) but not worth
    // a retry at the same target: fall back at once, as for non-retryable errors.
    if (!error.retryable || !retryHelpsSameTarget(error.code)) {
      return { kind: 'fallback', detail: undefined };
    }
    if (attempt > routing.retry.maxRetriesPerTarget) {
      return { kind: 'fallback', detail: 'retries_exhausted' };
    }
    if (breaker.state === 'open') return { kind: 'fallback', detail: 'circuit_open' };
    const now = clock.now();
    const plan = planRetry(attempt, retryAfterMs(error), deadlineAt - now, routing.retry, random);
    if (plan.kind === 'fallback') return { kind: 'fallback', detail: plan.reason };
    if (!budget.tryRetry(now)) return { kind: 'fallback', detail: 'budget_exhausted' };
    return { kind: 'retry', delayMs: plan.delayMs };
  }

  async function route<Value>(
    request: RouteRequest,
    run: AttemptRun<Value>,
    discardLate: (value: Value) => void,
    attempts: AttemptRecord[],
  ): Promise<RouteOutcome<Served<Value>>> {
    const { targets, signal } = request;
    const startedAt = clock.now();
    const deadlineAt = routing.deadlineMs > 0 ? startedAt + routing.deadlineMs : Infinity;
    const matcher = suspensions();
    const tally = new RoutingTally();
    let attemptsMade = 0;
    let lastError: GatewayError | undefined;
    let lastFailedTarget: string | undefined;
    let stoppedBy: 'deadline' | 'max_attempts' | undefined;

    const record = (entry: AttemptRecord): void => {
      attempts.push(entry);
      events?.onAttempt?.(entry);
    };
    const aborted = (): RouteOutcome<Served<Value>> => ({ kind: 'client-aborted', attempts });

    targets: for (let index = 0; index < targets.length; index++) {
      const target = targets[index];
      if (target === undefined || visitedBefore(targets, index)) continue;
      if (signal.aborted) return aborted();
      const isLast = index === targets.length - 1;

      const suspension = matcher.match(target);
      if (suspension !== undefined) {
        tally.addSuspension(suspension.reason);
        record(skipped(target.id, 'suspended'));
        continue;
      }
      if (!isRegionAllowed(target.regions, request.region)) {
        tally.jurisdiction++;
        record(skipped(target.id, 'jurisdiction'));
        continue;
      }
      if (attemptsMade >= routing.maxAttempts) {
        stoppedBy = 'max_attempts';
        break;
      }
      const breaker = breakers.get(target.id);
      if (!breaker.tryAcquire(clock.now())) {
        tally.circuitOpen++;
        tally.circuitRetryInMs = Math.min(tally.circuitRetryInMs, breaker.retryInMs(clock.now()));
        record(skipped(target.id, 'circuit_open'));
        continue;
      }
      const budget = budgets.get(target.id);
      budget.recordRequest(clock.now());
      if (lastFailedTarget !== undefined) events?.onFallback?.(lastFailedTarget, target.id);

      for (let attempt = 1; ; attempt++) {
        // The breaker was acquired for attempt 1 above; a retry must acquire it again.
        if (attempt > 1 && !breaker.tryAcquire(clock.now())) {
          // Another request's failure opened the circuit while this one waited to retry.
          tally.failed++;
          record({ ...skipped(target.id, 'circuit_open'), attempt });
          continue targets;
        }
        const attemptStart = clock.now();
        const remaining = deadlineAt - attemptStart;
        if (remaining <= 0) {
          breaker.release();
          stoppedBy = 'deadline';
          break targets;
        }
        attemptsMade++;
        const byDeadline = target.timeoutMs <= 0 || remaining < target.timeoutMs;
        const scope = new AttemptScope(
          signal,
          byDeadline ? remaining : target.timeoutMs,
          byDeadline ? 'deadline' : 'attempt',
        );

        let error: GatewayError;
        try {
          const backend = backendFor(target);
          const value = await scope.guard(
            run(backend, target, scope, request.callerHeaders),
            discardLate,
          );
          breaker.recordSuccess();
          record({
            target: target.id,
            attempt,
            outcome: 'ok',
            reason: 'ok',
            durationMs: clock.now() - attemptStart,
          });
          return { kind: 'ok', value, target, scope, startedAt, attempts };
        } catch (thrown) {
          error = scope.errorFrom(thrown);
          scope.dispose();
        }

        const durationMs = clock.now() - attemptStart;
        const status = upstreamStatus(error);
        const failure =
          status === undefined
            ? { target: target.id, attempt, reason: error.code, durationMs }
            : { target: target.id, attempt, reason: error.code, durationMs, status };

        if (clientGone(signal)) {
          breaker.release();
          record({ ...failure, outcome: 'failed', reason: 'client_aborted' });
          return aborted();
        }
        if (error.code === 'deadline_exceeded') {
          // Cut short by the request's deadline: says nothing about the target.
          breaker.release();
          record({ ...failure, outcome: 'failed', detail: 'deadline' });
          lastError = error;
          stoppedBy = 'deadline';
          break targets;
        }
        if (isCallerError(error.code)) {
          breaker.release();
          record({ ...failure, outcome: 'failed' });
          return { kind: 'failed', error, attempts };
        }
        if (countsAgainstTarget(error.code)) breaker.recordFailure(clock.now());
        else breaker.release();
        lastError = error;
        lastFailedTarget = target.id;

        if (attemptsMade >= routing.maxAttempts) {
          tally.failed++;
          record({ ...failure, outcome: 'failed', detail: 'max_attempts' });
          stoppedBy = 'max_attempts';
          break targets;
        }

        const step = decideRetry(error, attempt, breaker, budget, deadlineAt);
        if (step.kind === 'retry') {
          record({ ...failure, outcome: 'retry' });
          try {
            await clock.sleep(step.delayMs, signal);
          } catch {
            return aborted();
          }
          continue;
        }
        const { detail } = step;
        tally.failed++;
        record({
          ...failure,
          outcome: isLast ? 'failed' : 'fallback',
          ...(detail === undefined ? {} : { detail }),
        });
        continue targets;
      }
    }
    if (clientGone(signal)) return aborted();
    return {
      kind: 'failed',
      error: finalError(tally, lastError, stoppedBy, request.region),
      attempts,
    };
  }

  return {
    async complete(request): Promise<RouteOutcome<CompleteSuccess>> {
      const attempts: AttemptRecord[] = [];
      const outcome = await route(request, runComplete(request), ignoreLate, attempts);
      if (outcome.kind !== 'ok') return outcome;
      outcome.scope.dispose();
      return {
        kind: 'ok',
        result: outcome.value,
        target: outcome.target,
        attempts,
        upstreamMs: clock.now() - outcome.startedAt,
      };
    },

    async stream(request): Promise<RouteOutcome<StreamSuccess>> {
      const attempts: AttemptRecord[] = [];
      const outcome = await route(request, runStream(request), discardLateStart, attempts);
      if (outcome.kind !== 'ok') return outcome;
      const { value, target, scope, startedAt } = outcome;
      const breaker = breakers.get(target.id);
      return {
        kind: 'ok',
        first: value.first,
        rest: new HandedOverStream(value.iterator, scope, target.timeoutMs, (error) => {
          if (countsAgainstTarget(error.code)) breaker.recordFailure(clock.now());
        }),
        target,
        attempts,
        ttfbMs: clock.now() - startedAt,
      };
    },

    breakerStates: () => breakers.states(),
  };
}

function skipped(
  targetId: string,
  reason: 'suspended' | 'jurisdiction' | 'circuit_open',
): AttemptRecord {
  return { target: targetId, attempt: 0, outcome: 'skipped', reason, durationMs: 0 };
}

function visitedBefore(targets: readonly Target[], index: number): boolean {
  const id = targets[index]?.id;
  for (let earlier = 0; earlier < index; earlier++) if (targets[earlier]?.id === id) return true;
  return false;
}

/** Reads the signal afresh (a function call, so no narrowing from an earlier check survives the awaits in between). */
function clientGone(signal: AbortSignal): boolean {
  return signal.aborted;
}
