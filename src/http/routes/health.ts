/**
 * `/healthz`: the process is alive. `/readyz`: it should receive traffic:
 * the store answers, the gateway is not draining, and the suspension feed
 * (when configured) is current. Details are for operators; nothing secret.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from '../../gateway/context.ts';
import type { FeedStatus } from '../../routing/suspension-feed.ts';
import { sendJson } from '../respond.ts';

export interface ReadinessProbe {
  /** Set when SIGTERM arrives: load balancers stop sending new requests. */
  draining(): boolean;
  /** The suspension feed's health, when one is configured. */
  feed(): FeedStatus | undefined;
}

export function createHealthRoute(): (request: IncomingMessage, response: ServerResponse) => void {
  return (_request, response) => {
    sendJson(response, 200, { status: 'ok' });
  };
}

export function createReadyRoute(
  context: GatewayContext,
  probe: ReadinessProbe,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (_request, response) => {
    const checks: Record<string, unknown> = {};
    let ready = true;
    try {
      context.store.revision();
      checks['store'] = 'ok';
    } catch {
      checks['store'] = 'unavailable';
      ready = false;
    }
    if (probe.draining()) {
      checks['server'] = 'draining';
      ready = false;
    } else {
      checks['server'] = 'ok';
    }
    const feed = probe.feed();
    if (feed !== undefined) {
      checks['suspensionFeed'] = feed;
      // A failing feed keeps the last good list, so traffic is still safe to
      // serve; readiness reports it so the failure is seen, without taking
      // every replica out of the load balancer at once.
      if (!feed.healthy) checks['degraded'] = true;
    }
    const status = !ready ? 'not_ready' : checks['degraded'] === true ? 'degraded' : 'ready';
    sendJson(response, ready ? 200 : 503, { status, checks });
  };
}
