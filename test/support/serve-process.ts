/**
 * Runs `ringfence serve` from the BUILT command line (`node
 * dist/src/cli/bin.js serve …`) as a child process, as an operator would,
 * for lifecycle tests: start-up banner, signals, exit codes, workers.
 * `npm test` builds first; after changing `src/`, run `npm run build`
 * before running these tests directly with vitest.
 *
 * Every process started here is tracked; `stopAllServeProcesses()` (call it
 * in `afterAll`) kills whatever is left, workers included.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BUILT_CLI_PATH = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

export interface ServeOptions {
  /** Arguments after `serve`. */
  readonly args?: readonly string[];
  readonly cwd: string;
  /**
   * The child's whole environment besides PATH and HOME (set to `cwd`):
   * nothing leaks in from the test runner's environment.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** How long start-up may take (default 15 s). */
  readonly startTimeoutMs?: number;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServeProcess {
  readonly pid: number;
  /** The URL the banner announced, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The whole start-up banner. */
  readonly banner: string;
  stdout(): string;
  stderr(): string;
  /** Every JSON log line written to stderr so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line (already written or still to come) that `matches`. */
  waitForLog(
    matches: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Sends a signal to the (primary) process. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves with how it exited. */
  stop(graceMs?: number): Promise<Exit>;
}

const live = new Set<ChildProcess>();
const extraPids = new Set<number>();

/** Fails loudly (never skips) when the build is missing. */
export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI_PATH)) {
    throw new Error(
      `${BUILT_CLI_PATH} is missing: run \`npm run build\` (npm test does) before these tests`,
    );
  }
}

export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [BUILT_CLI_PATH, 'serve', ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: options.cwd, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    notify();
  });
  let hasExited = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      live.delete(child);
      resolve({ code, signal });
      notify();
    });
  });

  /** Resolves once `probe` returns a value; rejects on timeout or exit. */
  const until = <T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value !== undefined) {
          finish(() => {
            resolve(value);
          });
        } else if (hasExited) {
          finish(() => {
            reject(new Error(`process exited before ${what}\n${stdout}\n${stderr}`));
          });
        }
      };
      const timer = setTimeout(() => {
        finish(() => {
          reject(new Error(`timed out waiting for ${what}\n${stdout}\n${stderr}`));
        });
      }, timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const logs = (): Record<string, unknown>[] =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });

  const banner = await until(
    () => {
      const end = stdout.indexOf("-d '{");
      return end === -1 ? undefined : stdout.slice(0, stdout.indexOf('\n', end) + 1);
    },
    'the start-up banner',
    options.startTimeoutMs ?? 15_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (url === undefined) throw new Error(`no URL in the banner:\n${banner}`);

  return {
    pid: child.pid ?? 0,
    url,
    banner,
    stdout: () => stdout,
    stderr: () => stderr,
    logs,
    waitForLog: (matches, what, timeoutMs = 10_000) =>
      until(() => logs().find(matches), what, timeoutMs),
    signal(signal) {
      child.kill(signal);
    },
    exited,
    async stop(graceMs = 10_000) {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The pids of the processes whose parent is `pid` (cluster workers), from
 * `ps`, which reads the same on Linux and macOS. Tracked for cleanup.
 */
export function childPids(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children: number[] = [];
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (parent === pid && child !== undefined && Number.isInteger(child)) children.push(child);
  }
  for (const child of children) extraPids.add(child);
  return children;
}

/** Whether a process with this pid exists (signal 0 tests without sending). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills every process started here that is still running, and any worker seen. */
export async function stopAllServeProcesses(): Promise<void> {
  const exits = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(exits);
  for (const pid of extraPids) {
    // Only a process still running the gateway: a pid may have been reused.
    if (isAlive(pid) && commandOf(pid).includes(BUILT_CLI_PATH)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }
  }
  extraPids.clear();
}

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return ''; // ps exits non-zero when there is no such process
  }
}
