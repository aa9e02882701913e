/**
 * `GET /metrics`: Prometheus exposition. In a cluster the primary merges
 * every worker's registry; alone, the local registry is served.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPOSITION_CONTENT_TYPE } from '../../observability/exposition.ts';
import type { GatewayMetrics } from '../../observability/gateway-metrics.ts';

export function createMetricsRoute(
  metrics: GatewayMetrics,
  refresh: () => void,
  clusterMetrics: (() => Promise<string>) | undefined,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (_request, response) => {
    refresh();
    const text = clusterMetrics === undefined ? metrics.registry.render() : await clusterMetrics();
    response.writeHead(200, {
      'content-type': EXPOSITION_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };
}
