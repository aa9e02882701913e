/**
 * Every process the benchmark starts is registered here, so that it is
 * stopped at the end, on an error, and on Ctrl-C: SIGTERM first (the gateway
 * drains and writes its CPU profile), SIGKILL for whatever is still alive
 * after a grace period. Only pids recorded here are ever signalled.
 */
import type { ChildProcess } from 'node:child_process';

interface Tracked {
  readonly child: ChildProcess;
  /** Processes the child started itself (cluster workers), killed if they outlive it. */
  readonly descendants: () => readonly number[];
}

const tracked = new Set<Tracked>();

export function trackChild(
  child: ChildProcess,
  descendants: () => readonly number[] = () => [],
): void {
  const entry: Tracked = { child, descendants };
  tracked.add(entry);
  child.once('exit', () => tracked.delete(entry));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Stops one child: SIGTERM, then SIGKILL (also its descendants) after `graceMs`. */
export async function stopChild(
  child: ChildProcess,
  graceMs: number,
  descendants: readonly number[] = [],
): Promise<void> {
  if (!exited(child)) {
    const done = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }
  for (const pid of descendants) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** Stops every tracked child (used on errors and signals). */
export async function stopAllChildren(graceMs: number): Promise<void> {
  const entries = [...tracked];
  await Promise.all(entries.map((entry) => stopChild(entry.child, graceMs, entry.descendants())));
}
