/** Forks the minimal proxy of scenario (g) (`minimal-proxy-process.ts`) in front of the fast upstream. */
import { stopChild } from './child-processes.ts';
import { forkReady, readyWith } from './fork-ready.ts';

export interface MinimalProxyHandle {
  readonly origin: string;
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export async function startMinimalProxy(upstreamOrigin: string): Promise<MinimalProxyHandle> {
  const { child, ready } = await forkReady(
    'minimal-proxy-process.js',
    [upstreamOrigin],
    'minimal proxy',
    readyWith(['url']),
  );
  return {
    origin: ready.url,
    pids: [child.pid ?? 0],
    stop: () => stopChild(child, 5_000),
  };
}
