/**
 * The gateway's metrics: names, labels, buckets and cross-process
 * aggregation in one place, with a typed API.
 *
 * Label values must come from bounded sets: dialects, aliases and targets
 * from config, outcomes and error codes from code, key ids (never keys).
 * Anything a caller chooses (a requested model name) is bounded only by the
 * per-metric series cap, past which series fold into `__overflow__`.
 * Durations are in seconds, as Prometheus expects.
 */
import type { BreakerState } from '../routing/circuit-breaker.ts';
import type { AttemptRecord, RouterEvents } from '../routing/types.ts';
import type { Counter, CounterChild } from './counter.ts';
import type { Gauge, GaugeChild } from './gauge.ts';
import type { Histogram, HistogramChild } from './histogram.ts';
import { MetricsRegistry } from './metrics.ts';

/** Request latency, sub-millisecond (rejections) to minutes (long generations). */
export const REQUEST_DURATION_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
  600,
];
/** Time the gateway itself adds (target: under 0.5 ms), 50 µs to 100 ms. */
export const OVERHEAD_BUCKETS: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
];
/** One audit append (an SQLite commit), 100 µs to 1 s. */
export const AUDIT_WRITE_BUCKETS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
];
/** Time to the first streamed part, 10 ms to 1 min. */
export const TTFB_BUCKETS: readonly number[] = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** One guard pass (every detector over every text of a surface), 50 µs to 1 s. */
export const GUARD_PASS_BUCKETS: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
];

/** Gauge values of `ringfence_breaker_state`. */
export const BREAKER_STATE_VALUE = {
  closed: 0,
  'half-open': 1,
  open: 2,
} as const satisfies Record<BreakerState, number>;

export type TokenDirection = 'input' | 'output';

export interface GatewayMetrics {
  readonly registry: MetricsRegistry;
  /** `outcome`: the request's outcome (`complete`, `rejected`, …) or error code; `target` is `none` if none was tried. */
  readonly requests: Counter<{
    dialect: string;
    alias: string;
    target: string;
    outcome: string;
  }>;
  readonly requestDuration: Histogram<{ dialect: string; alias: string; outcome: string }>;
  /** Request time minus upstream time. */
  readonly gatewayOverhead: HistogramChild;
  /** `result`: `ok`, `client_aborted` or the attempt's error code. */
  readonly upstreamAttempts: Counter<{ target: string; result: string }>;
  /** Targets passed over without an attempt: `suspended`, `jurisdiction` or `circuit_open`. */
  readonly targetsSkipped: Counter<{ target: string; reason: string }>;
  /** Routing moved from one target to the next (the router's events carry no alias). */
  readonly fallbacks: Counter<{ from: string; to: string }>;
  /** `reason`: the error code of the attempt that was retried. */
  readonly retries: Counter<{ target: string; reason: string }>;
  readonly breakerState: Gauge<{ target: string }>;
  readonly breakerTransitions: Counter<{ target: string; state: BreakerState }>;
  readonly suspensionsActive: GaugeChild;
  readonly suspensionFeedHealthy: GaugeChild;
  readonly suspensionFeedFailures: CounterChild;
  readonly auditWrite: HistogramChild;
  readonly auditWriteFailures: CounterChild;
  /** `key`: the gateway key's id, never the key. */
  readonly rateLimited: Counter<{ key: string }>;
  readonly streamTimeToFirstByte: Histogram<{ target: string }>;
  readonly inflightRequests: GaugeChild;
  readonly tokens: Counter<{ alias: string; direction: TokenDirection }>;
  /** Guard findings by detector id, surface and the action taken (all bounded sets). */
  readonly guardFindings: Counter<{ detector: string; surface: string; action: string }>;
  /** `pass`: `input` (the request), `output` (a complete answer) or `stream` (one window of a stream). */
  readonly guardPassDuration: Histogram<{ pass: string }>;
  /** Router hooks that count attempts, skips, retries, fallbacks and breaker changes. */
  routerEvents(): RouterEvents;
  /** Records one suspension-feed poll. */
  suspensionFeed(healthy: boolean): void;
  setBreakerState(target: string, state: BreakerState): void;
}

export function createGatewayMetrics(
  registry: MetricsRegistry = new MetricsRegistry(),
): GatewayMetrics {
  const metrics = {
    registry,
    requests: registry.counter<{ dialect: string; alias: string; target: string; outcome: string }>(
      {
        name: 'ringfence_requests_total',
        help: 'Chat requests handled, by dialect, alias, serving target and outcome.',
        labelNames: ['dialect', 'alias', 'target', 'outcome'],
      },
    ),
    requestDuration: registry.histogram<{ dialect: string; alias: string; outcome: string }>({
      name: 'ringfence_request_duration_seconds',
      help: 'Time from request arrival to the last byte of the response.',
      labelNames: ['dialect', 'alias', 'outcome'],
      buckets: REQUEST_DURATION_BUCKETS,
    }),
    gatewayOverhead: registry
      .histogram({
        name: 'ringfence_gateway_overhead_seconds',
        help: 'Time the gateway adds to a request: total time minus time waiting on upstreams.',
        buckets: OVERHEAD_BUCKETS,
      })
      .labels({}),
    upstreamAttempts: registry.counter<{ target: string; result: string }>({
      name: 'ringfence_upstream_attempts_total',
      help: 'Upstream attempts, by target and result (ok or the error code).',
      labelNames: ['target', 'result'],
    }),
    targetsSkipped: registry.counter<{ target: string; reason: string }>({
      name: 'ringfence_targets_skipped_total',
      help: 'Targets passed over without an attempt, by reason.',
      labelNames: ['target', 'reason'],
    }),
    fallbacks: registry.counter<{ from: string; to: string }>({
      name: 'ringfence_fallbacks_total',
      help: 'Fallbacks from a failed target to the next.',
      labelNames: ['from', 'to'],
    }),
    retries: registry.counter<{ target: string; reason: string }>({
      name: 'ringfence_retries_total',
      help: 'Retries of the same target, by the error code that caused them.',
      labelNames: ['target', 'reason'],
    }),
    breakerState: registry.gauge<{ target: string }>({
      name: 'ringfence_breaker_state',
      help: 'Circuit breaker state per target: 0 closed, 1 half-open, 2 open (worst across processes).',
      labelNames: ['target'],
      aggregation: 'max',
    }),
    breakerTransitions: registry.counter<{ target: string; state: BreakerState }>({
      name: 'ringfence_breaker_transitions_total',
      help: 'Circuit breaker transitions, by target and the state entered.',
      labelNames: ['target', 'state'],
    }),
    // Every process holds the same suspension list: the largest count is the gateway's, not the sum.
    suspensionsActive: registry
      .gauge({
        name: 'ringfence_suspensions_active',
        help: 'Suspensions in force (store and feed).',
        aggregation: 'max',
      })
      .labels({}),
    // Every worker polls the feed: the gateway is healthy only when all of them are.
    suspensionFeedHealthy: registry
      .gauge({
        name: 'ringfence_suspension_feed_healthy',
        help: '1 when the last suspension feed poll succeeded (in every process), else 0.',
        aggregation: 'min',
      })
      .labels({}),
    suspensionFeedFailures: registry
      .counter({
        name: 'ringfence_suspension_feed_failures_total',
        help: 'Suspension feed polls that failed.',
      })
      .labels({}),
    auditWrite: registry
      .histogram({
        name: 'ringfence_audit_write_seconds',
        help: 'Time to append one audit event.',
        buckets: AUDIT_WRITE_BUCKETS,
      })
      .labels({}),
    auditWriteFailures: registry
      .counter({
        name: 'ringfence_audit_write_failures_total',
        help: 'Audit appends that failed (the request was refused).',
      })
      .labels({}),
    rateLimited: registry.counter<{ key: string }>({
      name: 'ringfence_rate_limited_total',
      help: 'Requests refused by a rate limit, by gateway key id.',
      labelNames: ['key'],
    }),
    streamTimeToFirstByte: registry.histogram<{ target: string }>({
      name: 'ringfence_stream_ttfb_seconds',
      help: 'Time from request arrival to the first streamed part, by serving target.',
      labelNames: ['target'],
      buckets: TTFB_BUCKETS,
    }),
    inflightRequests: registry
      .gauge({
        name: 'ringfence_inflight_requests',
        help: 'Requests being handled now.',
        aggregation: 'sum',
      })
      .labels({}),
    tokens: registry.counter<{ alias: string; direction: TokenDirection }>({
      name: 'ringfence_tokens_total',
      help: 'Tokens reported by upstreams, by alias and direction.',
      labelNames: ['alias', 'direction'],
    }),
    guardFindings: registry.counter<{ detector: string; surface: string; action: string }>({
      name: 'ringfence_guard_findings_total',
      help: 'Guard findings, by detector, surface and the action taken.',
      labelNames: ['detector', 'surface', 'action'],
    }),
    guardPassDuration: registry.histogram<{ pass: string }>({
      name: 'ringfence_guard_pass_seconds',
      help: 'Time one guard pass took: the request (input), a complete answer (output), a stream window (stream).',
      labelNames: ['pass'],
      buckets: GUARD_PASS_BUCKETS,
    }),
  };

  const setBreakerState = (target: string, state: BreakerState): void => {
    metrics.breakerState.labels({ target }).set(BREAKER_STATE_VALUE[state]);
    metrics.breakerTransitions.labels({ target, state }).inc();
  };

  const onAttempt = (record: AttemptRecord): void => {
    if (record.outcome === 'skipped') {
      metrics.targetsSkipped.labels({ target: record.target, reason: record.reason }).inc();
      return;
    }
    metrics.upstreamAttempts.labels({ target: record.target, result: record.reason }).inc();
    if (record.outcome === 'retry') {
      metrics.retries.labels({ target: record.target, reason: record.reason }).inc();
    }
  };

  const events: RouterEvents = {
    onAttempt,
    onFallback: (from, to) => {
      metrics.fallbacks.labels({ from, to }).inc();
    },
    onBreakerChange: setBreakerState,
  };

  return {
    ...metrics,
    routerEvents: () => events,
    suspensionFeed(healthy) {
      metrics.suspensionFeedHealthy.set(healthy ? 1 : 0);
      if (!healthy) metrics.suspensionFeedFailures.inc();
    },
    setBreakerState,
  };
}
