/**
 * Scenarios (c) and (d): the gateway's overhead at a fixed request rate.
 * The same open-loop client sends the same request straight to the fake
 * upstream and through the gateway, in alternating one-second segments, so
 * both sides see the same machine conditions (the load generator, the
 * upstream and the gateway share two cores). The overhead is the difference
 * of the two sides' percentiles: requests are not paired one to one.
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
  readonly gatewayP50Ms: number;
  readonly gatewayP99Ms: number;
  /** gateway p50 − direct p50. */
  readonly addedP50Ms: number;
  /** gateway p99 − direct p99. */
  readonly addedP99Ms: number;
  /**
   * Gateway CPU time per gateway request, in microseconds, over the measured
   * segments (both sides: the gateway idles through the direct ones).
   */
  readonly gatewayCpuPerRequestUs: number;
  /** CPU seconds other processes on the machine used during the measurement. */
  readonly otherCpuSeconds: number;
}

/** (d) Full-response latency of non-streaming requests at `latencyRate`. */
export function addedLatency(context: ScenarioContext): Promise<Overhead> {
  return overhead(context, false, context.settings.latencyRate, (recorder) => recorder.latency);
}

/** (c) Time to first body byte of streaming requests at `streamRate`. */
export function streamFirstByte(context: ScenarioContext): Promise<Overhead> {
  return overhead(context, true, context.settings.streamRate, (recorder) => recorder.firstByte);
}

async function overhead(
  context: ScenarioContext,
  stream: boolean,
  rate: number,
  pick: (recorder: PacedRecorder) => {
    percentiles(fractions: readonly number[]): number[];
    readonly count: number;
  },
): Promise<Overhead> {
  const { upstream, gateway, settings } = context;
  const direct = createPacedClient(
    {
      origin: new URL(upstream.fastBaseUrl).origin,
      path: CHAT_PATH,
      body: chatBody(MODELS.direct, stream),
    },
    CONNECTIONS,
  );
  const through = createPacedClient(
    { origin: gateway.url, path: CHAT_PATH, body: chatBody(MODELS.gateway, stream) },
    CONNECTIONS,
  );
  try {
    const warmupSegments = Math.max(1, Math.round(settings.warmupSeconds));
    await alternate(direct, through, rate, warmupSegments, undefined, undefined);
    const directRecorder = newRecorder();
    const gatewayRecorder = newRecorder();
    const window = startCpuWindow(gateway.pids, upstream.pid);
    await alternate(
      direct,
      through,
      rate,
      settings.durationSeconds,
      directRecorder,
      gatewayRecorder,
    );
    const cpu = window.end();
    const [directP50, directP99] = pick(directRecorder).percentiles([0.5, 0.99]);
    const [gatewayP50, gatewayP99] = pick(gatewayRecorder).percentiles([0.5, 0.99]);
    const failures = directRecorder.failures + gatewayRecorder.failures;
    if (failures > 0) throw new Error(`${failures} requests failed at ${rate} requests/s`);
    return {
      ratePerSecond: rate,
      samples: { direct: pick(directRecorder).count, gateway: pick(gatewayRecorder).count },
      failures,
      directP50Ms: directP50 ?? Number.NaN,
      directP99Ms: directP99 ?? Number.NaN,
      gatewayP50Ms: gatewayP50 ?? Number.NaN,
      gatewayP99Ms: gatewayP99 ?? Number.NaN,
      addedP50Ms: (gatewayP50 ?? Number.NaN) - (directP50 ?? Number.NaN),
      addedP99Ms: (gatewayP99 ?? Number.NaN) - (directP99 ?? Number.NaN),
      gatewayCpuPerRequestUs: (cpu.gatewaySeconds * 1e6) / gatewayRecorder.latency.count,
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
  gatewayRecorder: PacedRecorder | undefined,
): Promise<void> {
  for (let segment = 0; segment < segments; segment++) {
    await direct.run(rate, SEGMENT_MS, directRecorder);
    await through.run(rate, SEGMENT_MS, gatewayRecorder);
  }
}
