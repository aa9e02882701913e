/**
 * The figures of one run of the benchmark, and their medians over runs.
 */
import type { StreamMemory } from './scenario-memory.ts';
import type { Overhead } from './scenario-paced.ts';
import type { GatewayThroughput } from './scenario-throughput.ts';
import { median } from './stats.ts';
import type { Throughput } from './throughput.ts';

export interface RunFigures {
  /** (a) Straight to the fake upstream. */
  direct?: Throughput;
  /** (b) Through the gateway, open mode. */
  gateway?: GatewayThroughput;
  /** (c) Streaming time to first byte at a fixed rate. */
  stream?: Overhead;
  /** (d) Added latency at a fixed rate. */
  latency?: Overhead;
  /** (g) As (d) through a minimal Node.js proxy: the floor for any Node.js gateway. */
  floor?: Overhead;
  /** (e) RSS with many concurrent streams. */
  memory?: StreamMemory;
  /** (f) Through the gateway with a gateway key. */
  auth?: GatewayThroughput;
}

/**
 * The median of every number across runs, field by field (arrays element by
 * element). Each reported figure is its own median, so one row can mix runs.
 */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  return combine(runs, median) as RunFigures;
}

/** The smallest and largest value of every number across runs, to show the spread. */
export function rangeFigures(runs: readonly RunFigures[]): { min: RunFigures; max: RunFigures } {
  return {
    min: combine(runs, (values) => Math.min(...values)) as RunFigures,
    max: combine(runs, (values) => Math.max(...values)) as RunFigures,
  };
}

function combine(values: readonly unknown[], reduce: (numbers: number[]) => number): unknown {
  const present = values.filter((value) => value !== undefined);
  const first = present[0];
  if (first === undefined) return undefined;
  if (typeof first === 'number') return reduce(present as number[]);
  if (Array.isArray(first)) {
    return first.map((_, index) =>
      combine(
        present.map((value) => (value as unknown[])[index]),
        reduce,
      ),
    );
  }
  if (typeof first === 'object' && first !== null) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      result[key] = combine(
        present.map((value) => (value as Record<string, unknown>)[key]),
        reduce,
      );
    }
    return result;
  }
  return first;
}
