/** Forks the upstream child process (`upstream-process.ts`) and waits until it listens. */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from './child-processes.ts';
import type { UpstreamReady } from './upstream-process.ts';

const SCRIPT = resolve(fileURLToPath(import.meta.url), '../upstream-process.js');

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
  const child = fork(
    SCRIPT,
    [
      '--slow-interval-ms',
      String(options.slowIntervalMs),
      '--slow-chunks',
      String(options.slowChunks),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  trackChild(child);
  const ready = await new Promise<UpstreamReady>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('the fake upstream did not start in time'));
    }, 10_000);
    child.once('message', (message: UpstreamReady) => {
      clearTimeout(timer);
      resolvePromise(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake upstream exited (${String(code)})`));
    });
  });
  return {
    pid: child.pid ?? 0,
    fastBaseUrl: ready.fastBaseUrl,
    slowBaseUrl: ready.slowBaseUrl,
    stop: () => stopChild(child, 5_000),
  };
}
