/**
 * Linux /proc readings for the processes under test: resident memory
 * (`/proc/<pid>/status` VmRSS) and CPU time (`/proc/<pid>/stat` utime +
 * stime, proc(5)). The benchmark runs on Linux; elsewhere these readings
 * are reported as unavailable rather than guessed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for utime/stime (sysconf(_SC_CLK_TCK)); 100 on every common Linux. */
export const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** The fields of /proc/<pid>/stat after the `(comm)` field, which may contain spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // proc(5): field 14 is utime, 15 stime; `fields` starts at field 3 (state).
  const user = Number(fields?.[11] ?? 0);
  const system = Number(fields?.[12] ?? 0);
  return (user + system) / CLOCK_TICKS;
}

/** Resident set size in MiB; 0 once the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] === undefined ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size in MiB (`/proc/<pid>/smaps_rollup` Pss): shared
 * pages (the node binary, shared libraries) divided among the processes
 * sharing them, so a sum over a primary and its workers counts them once.
 * 0 when unavailable (kernels before 4.14).
 */
export function pssMiB(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+)\s+kB$/m.exec(rollup);
    return match?.[1] === undefined ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

/** Direct children of `pid` (cluster workers of a gateway primary). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = statFields(Number(entry))?.[1];
    if (parent === String(pid)) children.push(Number(entry));
  }
  return children;
}

/** Sum of a reading over several processes. */
export function sumOver(pids: readonly number[], reading: (pid: number) => number): number {
  return pids.reduce((total, pid) => total + reading(pid), 0);
}

export function procAvailable(): boolean {
  return statFields(process.pid) !== undefined;
}
