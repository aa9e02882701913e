/** What a benchmark report states about the machine it ran on. */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export function machine(): Record<string, string | number> {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine before the benchmark started (1-minute load average).
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
