/**
 * CPU accounting over one measurement window: the gateway processes and the
 * fake upstream (from /proc), the load generator (this process), and the
 * whole machine's busy fraction (from /proc/stat), so the report can say who
 * used the two cores.
 */
import { readFileSync } from 'node:fs';
import { CLOCK_TICKS, cpuSeconds, sumOver } from './proc-stats.ts';

export interface CpuUse {
  readonly gatewaySeconds: number;
  readonly upstreamSeconds: number;
  readonly loadGeneratorSeconds: number;
  /** Busy fraction of all cores together, 0–1. */
  readonly machineBusy: number;
  /**
   * CPU seconds used by everything else on the machine (busy time minus the
   * three above): on a shared machine, the load the benchmark competed with.
   */
  readonly otherSeconds: number;
}

export interface CpuWindow {
  end(): CpuUse;
}

export function startCpuWindow(gatewayPids: readonly number[], upstreamPid: number): CpuWindow {
  const gateway = sumOver(gatewayPids, cpuSeconds);
  const upstream = cpuSeconds(upstreamPid);
  const load = process.cpuUsage();
  const machine = machineTicks();
  return {
    end() {
      const used = process.cpuUsage(load);
      const after = machineTicks();
      const total = after.total - machine.total;
      const idle = after.idle - machine.idle;
      const gatewaySeconds = sumOver(gatewayPids, cpuSeconds) - gateway;
      const upstreamSeconds = cpuSeconds(upstreamPid) - upstream;
      const loadGeneratorSeconds = (used.user + used.system) / 1e6;
      const busySeconds = (total - idle) / CLOCK_TICKS;
      return {
        gatewaySeconds,
        upstreamSeconds,
        loadGeneratorSeconds,
        machineBusy: total > 0 ? 1 - idle / total : Number.NaN,
        otherSeconds: Math.max(
          0,
          busySeconds - gatewaySeconds - upstreamSeconds - loadGeneratorSeconds,
        ),
      };
    },
  };
}

/** The aggregate `cpu` line of /proc/stat: idle (+ iowait) and total ticks. */
function machineTicks(): { idle: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    // Fields 9 and 10 (guest, guest_nice) are already counted in user and nice.
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { idle, total };
  } catch {
    return { idle: 0, total: 0 };
  }
}
