/**
 * Scenarios (a), (b) and (f): closed-loop throughput straight to the fake
 * upstream, through the gateway in open mode, and through the gateway with a
 * gateway key (authentication on the path). Each measured run follows an
 * unmeasured warm-up (JIT, connection pools, SQLite page cache).
 */
import { startCpuWindow, type CpuUse } from './cpu-window.ts';
import { CHAT_PATH, chatBody, MODELS } from './requests.ts';
import type { ScenarioContext } from './scenario-context.ts';
import { measureThroughput, type Throughput, type ThroughputOptions } from './throughput.ts';

export interface GatewayThroughput extends Throughput {
  readonly cpu: CpuUse;
  /** Requests per second of gateway CPU time: requests ÷ gateway CPU seconds. */
  readonly requestsPerCore: number;
}

export async function directThroughput(context: ScenarioContext): Promise<Throughput> {
  const { upstream, settings } = context;
  return measured(context, {
    url: `${upstream.fastBaseUrl.replace(/\/v1$/, '')}${CHAT_PATH}`,
    body: chatBody(MODELS.direct, false, settings.conversationKb),
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
  });
}

export async function gatewayThroughput(
  context: ScenarioContext,
  key?: string,
): Promise<GatewayThroughput> {
  const { gateway, upstream, settings } = context;
  const options: ThroughputOptions = {
    url: `${gateway.url}${CHAT_PATH}`,
    body: chatBody(MODELS.gateway, false, settings.conversationKb),
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
    ...(key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } }),
  };
  await warmUp(context, options);
  const window = startCpuWindow(gateway.pids, upstream.pid);
  const result = await measureThroughput(options);
  const cpu = window.end();
  checkFailures(result, options.url);
  return { ...result, cpu, requestsPerCore: result.requests / cpu.gatewaySeconds };
}

async function measured(context: ScenarioContext, options: ThroughputOptions): Promise<Throughput> {
  await warmUp(context, options);
  const result = await measureThroughput(options);
  checkFailures(result, options.url);
  return result;
}

async function warmUp(context: ScenarioContext, options: ThroughputOptions): Promise<void> {
  if (context.settings.warmupSeconds <= 0) return;
  await measureThroughput({ ...options, durationSeconds: context.settings.warmupSeconds });
}

/** A fast error is not throughput: any failed request invalidates the run. */
function checkFailures(result: Throughput, url: string): void {
  if (result.failures > 0) {
    throw new Error(
      `${result.failures} of ${result.requests + result.failures} requests to ${url} failed`,
    );
  }
}
