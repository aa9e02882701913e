/**
 * Scenarios (c), (d) and (g): overhead at a fixed request rate. The same
 * open-loop client sends the same request straight to the fake upstream and
 * through a proxy (the gateway, or for (g) a minimal Node.js proxy), in
 * alternating one-second segments, so both sides see the same machine
 * conditions (the load generator, the upstream and the proxy share two
 * cores). The overhead is the difference of the two sides' percentiles:
 * requests are not paired one to one.
 */
import { startCpuWindow } from './cpu-window.ts';
import {
  createPacedClient,
  newRecorder,
  type PacedClient,
  type PacedRecorder,
} from './paced-client.ts';
import { CHAT_PATH, chatBody, MODELS } from './requests.ts';
import type { ScenarioContext } from './scenario-context.ts';
import type { Samples } from './stats.ts';

const SEGMENT_MS = 1_000;
/** Connections per side: far more than the few requests in flight at these rates. */
const CONNECTIONS = 64;

export interface Overhead {
  readonly ratePerSecond: number;
  /** Successful requests measured per side. */
  readonly samples: { readonly direct: number; readonly gateway: number };
  readonly failures: number;
  readonly directP50Ms: number;
  readonly directP99Ms: number;
  /** The proxied side: the gateway, or the minimal proxy for (g). */
  readonly gatewayP50Ms: number;
  readonly gatewayP99Ms: number;
  /** proxied p50 − direct p50. */
  readonly addedP50Ms: number;
  /** proxied p99 − direct p99. */
  readonly addedP99Ms: number;
  /**
   * CPU time of the proxy processes per proxied request, in microseconds,
   * over the measured segments (both sides: the proxy idles through the
   * direct ones).
   */
  readonly gatewayCpuPerRequestUs: number;
  /** CPU seconds other processes on the machine used during the measurement. */
  readonly otherCpuSeconds: number;
}

interface ProxySide {
  readonly origin: string;
  readonly pids: readonly number[];
}

/** (d) Full-response latency of non-streaming requests at `latencyRate`. */
export function addedLatency(context: ScenarioContext): Promise<Overhead> {
  return overhead(context, { origin: context.gateway.url, pids: context.gateway.pids }, false);
}

/** (c) Time to first body byte of streaming requests at `streamRate`. */
export function streamFirstByte(context: ScenarioContext): Promise<Overhead> {
  return overhead(context, { origin: context.gateway.url, pids: context.gateway.pids }, true);
}

/** (g) As (d), through a minimal proxy instead of the gateway: the floor for any Node.js proxy here. */
export function minimalProxyLatency(context: ScenarioContext, proxy: ProxySide): Promise<Overhead> {
  return overhead(context, proxy, false);
}

async function overhead(
  context: ScenarioContext,
  proxy: ProxySide,
  stream: boolean,
): Promise<Overhead> {
  const { upstream, settings } = context;
  const rate = stream ? settings.streamRate : settings.latencyRate;
  const pick = (recorder: PacedRecorder): Samples =>
    stream ? recorder.firstByte : recorder.latency;
  const direct = createPacedClient(
    {
      origin: new URL(upstream.fastBaseUrl).origin,
      path: CHAT_PATH,
      body: chatBody(MODELS.direct, stream, settings.conversationKb),
    },
    CONNECTIONS,
  );
  const through = createPacedClient(
    {
      origin: proxy.origin,
      path: CHAT_PATH,
      body: chatBody(MODELS.gateway, stream, settings.conversationKb),
    },
    CONNECTIONS,
  );
  try {
    const warmupSegments = Math.max(1, Math.round(settings.warmupSeconds));
    await alternate(direct, through, rate, warmupSegments, undefined, undefined);
    const directRecorder = newRecorder();
    const proxyRecorder = newRecorder();
    const window = startCpuWindow(proxy.pids, upstream.pid);
    await alternate(direct, through, rate, settings.durationSeconds, directRecorder, proxyRecorder);
    const cpu = window.end();
    const [directP50, directP99] = pick(directRecorder).percentiles([0.5, 0.99]);
    const [proxyP50, proxyP99] = pick(proxyRecorder).percentiles([0.5, 0.99]);
    const failures = directRecorder.failures + proxyRecorder.failures;
    if (failures > 0) throw new Error(`${failures} requests failed at ${rate} requests/s`);
    return {
      ratePerSecond: rate,
      samples: { direct: pick(directRecorder).count, gateway: pick(proxyRecorder).count },
      failures,
      directP50Ms: directP50 ?? Number.NaN,
      directP99Ms: directP99 ?? Number.NaN,
      gatewayP50Ms: proxyP50 ?? Number.NaN,
      gatewayP99Ms: proxyP99 ?? Number.NaN,
      addedP50Ms: (proxyP50 ?? Number.NaN) - (directP50 ?? Number.NaN),
      addedP99Ms: (proxyP99 ?? Number.NaN) - (directP99 ?? Number.NaN),
      gatewayCpuPerRequestUs: (cpu.gatewaySeconds * 1e6) / proxyRecorder.latency.count,
      otherCpuSeconds: cpu.otherSeconds,
    };
  } finally {
    await Promise.all([direct.close(), through.close()]);
  }
}

async function alternate(
  direct: PacedClient,
  through: PacedClient,
  rate: number,
  segments: number,
  directRecorder: PacedRecorder | undefined,
  proxyRecorder: PacedRecorder | undefined,
): Promise<void> {
  for (let segment = 0; segment < segments; segment++) {
    await direct.run(rate, SEGMENT_MS, directRecorder);
    await through.run(rate, SEGMENT_MS, proxyRecorder);
  }
}
