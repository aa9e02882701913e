/**
 * Closed-loop throughput with autocannon: `connections` clients each send
 * the next request as soon as the previous answer arrived, for a fixed time.
 *
 * autocannon's own latency histogram has 1 ms resolution (its HDR histogram's
 * lowest discernible value is 1), too coarse for a sub-millisecond gateway,
 * so the latencies are taken from its per-response `response` event, which
 * carries the `process.hrtime` duration in fractional milliseconds.
 */
import autocannon from 'autocannon';
import { Samples } from './stats.ts';

export interface ThroughputOptions {
  readonly url: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface Throughput {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p975Ms: number;
  readonly p99Ms: number;
  /** Responses that were not 2xx plus connection errors and timeouts: must be 0. */
  readonly failures: number;
}

export async function measureThroughput(options: ThroughputOptions): Promise<Throughput> {
  const latencies = new Samples();
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  instance.on(
    'response',
    (_client: unknown, statusCode: number, _bytes: number, milliseconds: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.add(milliseconds);
    },
  );
  const result = await instance;
  const [p50, p975, p99] = latencies.percentiles([0.5, 0.975, 0.99]);
  return {
    requests: latencies.count,
    seconds: result.duration,
    requestsPerSecond: latencies.count / result.duration,
    p50Ms: p50 ?? Number.NaN,
    p975Ms: p975 ?? Number.NaN,
    p99Ms: p99 ?? Number.NaN,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
