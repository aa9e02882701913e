/** Forks the upstream child process (`upstream-process.ts`) and waits until it listens. */
import { stopChild } from './child-processes.ts';
import { forkReady, readyWith } from './fork-ready.ts';

export interface UpstreamHandle {
  readonly pid: number;
  readonly fastBaseUrl: string;
  readonly slowBaseUrl: string;
  stop(): Promise<void>;
}

export interface UpstreamOptions {
  readonly slowIntervalMs: number;
  readonly slowChunks: number;
}

export async function startUpstream(options: UpstreamOptions): Promise<UpstreamHandle> {
  const { child, ready } = await forkReady(
    'upstream-process.js',
    [
      '--slow-interval-ms',
      String(options.slowIntervalMs),
      '--slow-chunks',
      String(options.slowChunks),
    ],
    'fake upstream',
    readyWith(['fastBaseUrl', 'slowBaseUrl']),
  );
  return {
    pid: child.pid ?? 0,
    fastBaseUrl: ready.fastBaseUrl,
    slowBaseUrl: ready.slowBaseUrl,
    stop: () => stopChild(child, 5_000),
  };
}
