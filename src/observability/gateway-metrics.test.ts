import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { mergeSnapshots } from './merge-snapshots.ts';
import { renderExposition } from './exposition.ts';

function line(text: string, prefix: string): string | undefined {
  return text.split('\n').find((candidate) => candidate.startsWith(prefix));
}

describe('createGatewayMetrics', () => {
  it('defines every gateway metric under the ringfence_ prefix', () => {
    const names = createGatewayMetrics()
      .registry.snapshot()
      .metrics.map((metric) => `${metric.name}:${metric.type}`);
    expect(names).toEqual([
      'ringfence_metric_series_overflow_total:counter',
      'ringfence_requests_total:counter',
      'ringfence_request_duration_seconds:histogram',
      'ringfence_gateway_overhead_seconds:histogram',
      'ringfence_upstream_attempts_total:counter',
      'ringfence_targets_skipped_total:counter',
      'ringfence_fallbacks_total:counter',
      'ringfence_retries_total:counter',
      'ringfence_breaker_state:gauge',
      'ringfence_breaker_transitions_total:counter',
      'ringfence_suspensions_active:gauge',
      'ringfence_suspension_feed_healthy:gauge',
      'ringfence_suspension_feed_failures_total:counter',
      'ringfence_audit_write_seconds:histogram',
      'ringfence_audit_write_failures_total:counter',
      'ringfence_rate_limited_total:counter',
      'ringfence_stream_ttfb_seconds:histogram',
      'ringfence_inflight_requests:gauge',
      'ringfence_tokens_total:counter',
      'ringfence_guard_findings_total:counter',
      'ringfence_guard_pass_seconds:histogram',
    ]);
  });

  it('counts attempts, skips, retries, fallbacks and breaker changes from router events', () => {
    const metrics = createGatewayMetrics();
    const events = metrics.routerEvents();
    const target = 'openai/gpt-4o';
    events.onAttempt?.({
      target,
      attempt: 1,
      outcome: 'retry',
      reason: 'upstream_rate_limited',
      durationMs: 5,
    });
    events.onAttempt?.({
      target,
      attempt: 2,
      outcome: 'fallback',
      reason: 'upstream_timeout',
      durationMs: 9,
    });
    events.onAttempt?.({
      target: 'sim/a',
      attempt: 0,
      outcome: 'skipped',
      reason: 'circuit_open',
      durationMs: 0,
    });
    events.onAttempt?.({
      target: 'anthropic/claude',
      attempt: 1,
      outcome: 'ok',
      reason: 'ok',
      durationMs: 3,
    });
    events.onFallback?.(target, 'anthropic/claude');
    events.onBreakerChange?.(target, 'open');
    events.onBreakerChange?.(target, 'half-open');

    const text = metrics.registry.render();
    expect(line(text, 'ringfence_upstream_attempts_total{')).toBe(
      'ringfence_upstream_attempts_total{target="openai/gpt-4o",result="upstream_rate_limited"} 1',
    );
    expect(text).toContain(
      'ringfence_upstream_attempts_total{target="anthropic/claude",result="ok"} 1\n',
    );
    expect(text).not.toContain('ringfence_upstream_attempts_total{target="sim/a"');
    expect(text).toContain(
      'ringfence_targets_skipped_total{target="sim/a",reason="circuit_open"} 1\n',
    );
    expect(line(text, 'ringfence_retries_total{')).toBe(
      'ringfence_retries_total{target="openai/gpt-4o",reason="upstream_rate_limited"} 1',
    );
    expect(line(text, 'ringfence_fallbacks_total{')).toBe(
      'ringfence_fallbacks_total{from="openai/gpt-4o",to="anthropic/claude"} 1',
    );
    expect(line(text, 'ringfence_breaker_state{')).toBe(
      'ringfence_breaker_state{target="openai/gpt-4o"} 1',
    );
    expect(text).toContain(
      'ringfence_breaker_transitions_total{target="openai/gpt-4o",state="open"} 1\n',
    );
  });

  it('records feed polls as health and failures', () => {
    const metrics = createGatewayMetrics();
    metrics.suspensionFeed(false);
    metrics.suspensionFeed(false);
    expect(metrics.suspensionFeedHealthy.get()).toBe(0);
    metrics.suspensionFeed(true);
    expect(metrics.suspensionFeedHealthy.get()).toBe(1);
    expect(metrics.suspensionFeedFailures.get()).toBe(2);
  });

  it('combines processes as the gateway means them: sums for amounts, worst state for breakers', () => {
    const workers = [createGatewayMetrics(), createGatewayMetrics()];
    workers.forEach((metrics, index) => {
      metrics.inflightRequests.set(3);
      metrics.suspensionsActive.set(4);
      metrics.suspensionFeed(index === 0);
      metrics.setBreakerState('openai/gpt-4o', index === 0 ? 'closed' : 'open');
      metrics.tokens.labels({ alias: 'fast', direction: 'input' }).inc(10);
    });
    const text = renderExposition(
      mergeSnapshots(workers.map((metrics) => metrics.registry.snapshot())),
    );
    expect(line(text, 'ringfence_inflight_requests ')).toBe('ringfence_inflight_requests 6');
    expect(line(text, 'ringfence_suspensions_active ')).toBe('ringfence_suspensions_active 4');
    expect(line(text, 'ringfence_suspension_feed_healthy ')).toBe(
      'ringfence_suspension_feed_healthy 0',
    );
    expect(line(text, 'ringfence_breaker_state{')).toBe(
      'ringfence_breaker_state{target="openai/gpt-4o"} 2',
    );
    expect(line(text, 'ringfence_tokens_total{')).toBe(
      'ringfence_tokens_total{alias="fast",direction="input"} 20',
    );
  });

  it('uses fine buckets for gateway overhead, from 50 µs to 100 ms', () => {
    const metrics = createGatewayMetrics();
    metrics.gatewayOverhead.observe(0.00004);
    metrics.gatewayOverhead.observe(0.0003);
    const text = metrics.registry.render();
    expect(line(text, 'ringfence_gateway_overhead_seconds_bucket{le="0.00005"}')).toBe(
      'ringfence_gateway_overhead_seconds_bucket{le="0.00005"} 1',
    );
    expect(line(text, 'ringfence_gateway_overhead_seconds_bucket{le="0.0005"}')).toBe(
      'ringfence_gateway_overhead_seconds_bucket{le="0.0005"} 2',
    );
    expect(line(text, 'ringfence_gateway_overhead_seconds_bucket{le="0.1"}')).toBe(
      'ringfence_gateway_overhead_seconds_bucket{le="0.1"} 2',
    );
  });
});
