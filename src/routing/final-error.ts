/**
 * The one error a caller sees when no target served the request, chosen to
 * explain the most: a caller whose model is suspended should read the
 * operator's reason, not a generic 503.
 *
 * Each target ended one way (suspended, outside the key's jurisdiction,
 * circuit open, or tried and failed). The most common way wins; ties go to
 * the more actionable, in the order failed > suspended > circuit open >
 * jurisdiction. Suspensions are always mentioned when any target was
 * suspended. Running out of time beats everything: `deadline_exceeded`.
 */
import { GatewayError } from '../errors.ts';

/** How the targets of one request ended, counted as routing went. */
export class RoutingTally {
  suspended = 0;
  jurisdiction = 0;
  circuitOpen = 0;
  /** Targets tried that did not answer. */
  failed = 0;
  /** Shortest wait until an open circuit admits a probe. */
  circuitRetryInMs = Infinity;
  #suspensionReasons: string[] | undefined;

  addSuspension(reason: string): void {
    this.suspended++;
    this.#suspensionReasons ??= [];
    if (!this.#suspensionReasons.includes(reason)) this.#suspensionReasons.push(reason);
  }

  get suspensionReasons(): readonly string[] {
    return this.#suspensionReasons ?? [];
  }
}

/** Longest operator text quoted in one error message. */
const MAX_REASONS_CHARS = 500;

export function finalError(
  tally: RoutingTally,
  lastError: GatewayError | undefined,
  stoppedBy: 'deadline' | 'max_attempts' | undefined,
  region: string,
): GatewayError {
  if (stoppedBy === 'deadline') {
    return withSuspensionNote(
      new GatewayError(
        'deadline_exceeded',
        'The request did not complete within the gateway deadline.',
        lastError === undefined ? {} : { cause: lastError },
      ),
      tally,
    );
  }
  if (lastError !== undefined && (stoppedBy === 'max_attempts' || leads(tally, 'failed'))) {
    return withSuspensionNote(lastError, tally);
  }
  if (tally.suspended > 0 && leads(tally, 'suspended')) {
    return new GatewayError(
      'model_suspended',
      `The requested model is suspended: ${quoteReasons(tally.suspensionReasons)}`,
      { retryable: false },
    );
  }
  if (tally.circuitOpen > 0 && leads(tally, 'circuitOpen')) {
    const seconds = Math.max(1, Math.ceil(tally.circuitRetryInMs / 1000));
    return withSuspensionNote(
      new GatewayError(
        'no_available_target',
        'Every target of the requested model is temporarily unavailable after repeated failures.',
        { retryable: true, retryAfterSeconds: Number.isFinite(seconds) ? seconds : 1 },
      ),
      tally,
    );
  }
  if (tally.jurisdiction > 0) {
    const who = region === '' ? 'keys without a region' : `region '${safeRegion(region)}'`;
    return withSuspensionNote(
      new GatewayError(
        'jurisdiction_blocked',
        `No target of the requested model may serve ${who}.`,
      ),
      tally,
    );
  }
  return new GatewayError('no_available_target', 'The requested model has no target to serve it.');
}

type Way = 'failed' | 'suspended' | 'circuitOpen' | 'jurisdiction';
const TIE_ORDER: readonly Way[] = ['failed', 'suspended', 'circuitOpen', 'jurisdiction'];

/** Whether `way` explains more targets than any other, ties going to the earlier in TIE_ORDER. */
function leads(tally: RoutingTally, way: Way): boolean {
  const count = tally[way];
  let earlier = true;
  for (const other of TIE_ORDER) {
    if (other === way) {
      earlier = false;
      continue;
    }
    if (earlier ? tally[other] >= count : tally[other] > count) return false;
  }
  return true;
}

function withSuspensionNote(error: GatewayError, tally: RoutingTally): GatewayError {
  if (tally.suspended === 0) return error;
  return new GatewayError(
    error.code,
    `${error.message} Some targets are suspended: ${quoteReasons(tally.suspensionReasons)}`,
    {
      cause: error,
      retryable: error.retryable,
      ...(error.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.param === undefined ? {} : { param: error.param }),
    },
  );
}

/** Suspension reasons are operator-written text, meant to be shown; only their length is bounded. */
function quoteReasons(reasons: readonly string[]): string {
  const text = reasons.length === 0 ? 'no reason given' : reasons.join('; ');
  const bounded = text.length > MAX_REASONS_CHARS ? `${text.slice(0, MAX_REASONS_CHARS)}…` : text;
  return bounded.endsWith('.') ? bounded : `${bounded}.`;
}

/** Region codes come from key records; only a code's own characters are echoed. */
function safeRegion(region: string): string {
  return region.replace(/[^a-z0-9-]/gi, '').slice(0, 32);
}
