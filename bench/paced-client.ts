/**
 * An open-loop client at a fixed request rate: requests are started on a
 * schedule (every 1/rate s, caught up on each 1 ms timer tick) whether or not
 * earlier ones have finished, so a slow server cannot slow the load down and
 * hide its own latency (the coordinated-omission problem of closed-loop
 * tools). autocannon's `overallRate` is not used for this: it sends each
 * second's quota as a burst at the start of the second, and records whole
 * milliseconds.
 *
 * Each request records its full latency and, for streams, its time to first
 * byte (the first body chunk), both from the moment it was sent.
 */
import { Pool } from 'undici';
import { Samples } from './stats.ts';

export interface PacedTarget {
  readonly origin: string;
  readonly path: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PacedRecorder {
  readonly latency: Samples;
  readonly firstByte: Samples;
  failures: number;
}

export function newRecorder(): PacedRecorder {
  return { latency: new Samples(), firstByte: new Samples(), failures: 0 };
}

export interface PacedClient {
  /** Sends at `ratePerSecond` for `durationMs`, then waits for the answers (at most 10 s). */
  run(
    ratePerSecond: number,
    durationMs: number,
    recorder: PacedRecorder | undefined,
  ): Promise<void>;
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

export function createPacedClient(target: PacedTarget, connections: number): PacedClient {
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const headers = { 'content-type': 'application/json', ...target.headers };

  async function one(recorder: PacedRecorder | undefined): Promise<void> {
    const started = performance.now();
    let first = true;
    try {
      const response = await pool.request({
        path: target.path,
        method: 'POST',
        headers,
        body: target.body,
      });
      for await (const chunk of response.body) {
        if (first && (chunk as Buffer).length > 0) {
          first = false;
          if (response.statusCode === 200) recorder?.firstByte.add(performance.now() - started);
        }
      }
      if (response.statusCode !== 200) {
        if (recorder !== undefined) recorder.failures++;
        return;
      }
      recorder?.latency.add(performance.now() - started);
    } catch {
      if (recorder !== undefined) recorder.failures++;
    }
  }

  return {
    async run(ratePerSecond, durationMs, recorder) {
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      let issued = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const elapsed = Math.min(performance.now() - started, durationMs);
          const due = Math.floor((elapsed * ratePerSecond) / 1000);
          for (; issued < due; issued++) {
            const request = one(recorder);
            inFlight.add(request);
            void request.finally(() => inFlight.delete(request));
          }
          if (elapsed >= durationMs) {
            clearInterval(timer);
            resolve();
          }
        }, 1);
      });
      await Promise.race([
        Promise.all(inFlight),
        new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref()),
      ]);
    },
    close: () => pool.close(),
  };
}
