/**
 * The request path's metric hooks over the Prometheus registry. Label
 * children are looked up once per finished request (a few Map lookups, no
 * allocation for known label sets).
 */
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';
import type { RequestMetrics } from './context.ts';
import type { RequestAudit, RequestOutcome } from './request-audit.ts';

export function requestMetricsHooks(metrics: GatewayMetrics): RequestMetrics {
  return {
    requestStarted() {
      metrics.inflightRequests.inc();
    },
    requestFinished(audit: RequestAudit, outcome: RequestOutcome) {
      metrics.inflightRequests.dec();
      const alias = audit.alias ?? 'none';
      const totalSeconds = (performance.now() - audit.startedAt) / 1000;
      metrics.requests
        .labels({ dialect: audit.dialect, alias, target: audit.target ?? 'none', outcome })
        .inc();
      metrics.requestDuration
        .labels({ dialect: audit.dialect, alias, outcome })
        .observe(totalSeconds);
      if (audit.target !== undefined) {
        // Streams: the overhead that matters is time to first byte beyond the upstream's.
        const overheadSeconds = Math.max(0, totalSeconds - audit.upstreamMs / 1000);
        if (!audit.stream) metrics.gatewayOverhead.observe(overheadSeconds);
        if (audit.ttfbMs !== undefined) {
          metrics.streamTimeToFirstByte
            .labels({ target: audit.target })
            .observe(audit.ttfbMs / 1000);
        }
      }
      if (audit.usage !== undefined) {
        metrics.tokens.labels({ alias, direction: 'input' }).inc(audit.usage.inputTokens);
        metrics.tokens.labels({ alias, direction: 'output' }).inc(audit.usage.outputTokens);
      }
      if (audit.errorCode === 'rate_limited' && audit.keyId !== undefined) {
        metrics.rateLimited.labels({ key: audit.keyId }).inc();
      }
    },
    auditWrite(milliseconds: number) {
      metrics.auditWrite.observe(milliseconds / 1000);
    },
    auditFailed() {
      metrics.auditWriteFailures.inc();
    },
    guardFindings(decided) {
      for (const { finding, surface, action } of decided) {
        metrics.guardFindings.labels({ detector: finding.detector, surface, action }).inc();
      }
    },
    guardPass(pass, milliseconds) {
      metrics.guardPassDuration.labels({ pass }).observe(milliseconds / 1000);
    },
  };
}
