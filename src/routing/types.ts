/**
 * The router's contract with the gateway: what it is asked, what it reports
 * about each attempt, and how a request ends.
 */
import type { ChatCall, ChatResult, ChatStreamPart } from '../chat/types.ts';
import type { ErrorCode, GatewayError } from '../errors.ts';
import type { Target } from '../providers/types.ts';
import type { BreakerState } from './circuit-breaker.ts';

export interface RouteRequest {
  readonly call: ChatCall;
  /** The alias's targets in order (or the one direct `provider/model` target), resolved by the caller. */
  readonly targets: readonly Target[];
  /** The key's region; `''` when it has none (see `jurisdiction.ts`). */
  readonly region: string;
  /** Request-scoped caller headers passed to backends (e.g. `sim/scripted`). */
  readonly callerHeaders: Readonly<Record<string, string | undefined>>;
  /** Aborts when the client disconnects: everything stops at once. */
  readonly signal: AbortSignal;
}

/** Why a target was not tried at all. */
export type SkipReason = 'suspended' | 'jurisdiction' | 'circuit_open';

/**
 * Why a failed attempt was not retried at the same target although its error
 * was retryable, or why routing stopped.
 */
export type AttemptDetail =
  | 'retries_exhausted'
  | 'retry_after_too_long'
  | 'budget_exhausted'
  | 'circuit_open'
  | 'deadline'
  | 'max_attempts';

export type AttemptOutcome = 'ok' | 'retry' | 'fallback' | 'skipped' | 'failed';

/** One attempt at a target, or one target skipped; recorded in order. */
export interface AttemptRecord {
  /** Target id `provider/model`. */
  readonly target: string;
  /** 1-based attempt number at this target (0 for a target skipped before any attempt). */
  readonly attempt: number;
  /**
   * `ok`; `retry` (failed, the same target is tried again); `fallback`
   * (failed, routing moves on to later targets); `failed` (failed, and
   * routing ends here); `skipped` (not tried).
   */
  readonly outcome: AttemptOutcome;
  /** `ok`, the skip reason, `client_aborted`, or the failed attempt's error code. */
  readonly reason: 'ok' | 'client_aborted' | SkipReason | ErrorCode;
  readonly detail?: AttemptDetail;
  /** The upstream's HTTP status, when it answered with an error status. */
  readonly status?: number;
  readonly durationMs: number;
}

/** Hooks for metrics and tracing. Called synchronously on the request path: keep them cheap and never throw. */
export interface RouterEvents {
  onAttempt?(record: AttemptRecord): void;
  /** Routing moved on from a failed target to the next one it tries. */
  onFallback?(fromTargetId: string, toTargetId: string): void;
  onBreakerChange?(targetId: string, state: BreakerState): void;
}

export interface CompleteSuccess {
  readonly result: ChatResult;
  readonly target: Target;
  /** Time from the start of routing to the answer: every attempt and backoff wait included. */
  readonly upstreamMs: number;
}

export interface StreamSuccess {
  /** The first canonical part (normally `start`), already received. */
  readonly first: ChatStreamPart;
  /**
   * The remaining parts. Routing never retries once this is handed over: a
   * failure here throws a GatewayError (`upstream_truncated`,
   * `upstream_timeout` after `target.timeoutMs` without a part, …). Call
   * `return()` to stop early; it closes the upstream connection.
   */
  readonly rest: AsyncIterator<ChatStreamPart>;
  readonly target: Target;
  /** Time from the start of routing to the first part. */
  readonly ttfbMs: number;
}

/**
 * How routing ended. Routing never throws for an upstream or routing
 * failure: the attempts are always returned, so the audit log and metrics
 * see them whatever happened.
 *
 * `client-aborted`: the request's signal aborted (the client went away); no
 * error is returned because nobody is there to receive one; the caller
 * records the outcome `client_aborted`.
 */
/** A served request: the success fields plus every attempt made. */
export type RouteSuccess<Success> = Success & {
  readonly kind: 'ok';
  readonly attempts: readonly AttemptRecord[];
};

export type RouteOutcome<Success> =
  | RouteSuccess<Success>
  | {
      readonly kind: 'failed';
      readonly error: GatewayError;
      readonly attempts: readonly AttemptRecord[];
    }
  | { readonly kind: 'client-aborted'; readonly attempts: readonly AttemptRecord[] };

export interface Router {
  complete(request: RouteRequest): Promise<RouteOutcome<CompleteSuccess>>;
  stream(request: RouteRequest): Promise<RouteOutcome<StreamSuccess>>;
  /** Breaker state per target id, for metrics and `/readyz`. */
  breakerStates(): ReadonlyMap<string, BreakerState>;
}
