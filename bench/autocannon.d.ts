/**
 * The subset of autocannon's programmatic API the benchmark uses
 * (README, "API"): autocannon ships no type declarations, and one small
 * ambient module keeps `@types/autocannon` out of the dependencies.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface AutocannonOptions {
    readonly url: string;
    readonly method?: 'GET' | 'POST';
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly connections?: number;
    readonly pipelining?: number;
    /** Seconds. */
    readonly duration?: number;
    /** Seconds before a request times out. */
    readonly timeout?: number;
    readonly overallRate?: number;
    readonly connectionRate?: number;
    readonly excludeErrorStats?: boolean;
  }

  /** Percentiles of one statistic; latency values are in milliseconds. */
  export interface Histogram {
    readonly average: number;
    readonly mean: number;
    readonly min: number;
    readonly max: number;
    readonly p50: number;
    readonly p97_5: number;
    readonly p99: number;
    readonly total?: number;
  }

  export interface AutocannonResult {
    readonly requests: Histogram & { readonly sent: number };
    readonly latency: Histogram;
    readonly throughput: Histogram;
    /** Seconds. */
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  }

  export interface AutocannonInstance extends EventEmitter, PromiseLike<AutocannonResult> {
    stop(): void;
  }

  export default function autocannon(options: AutocannonOptions): AutocannonInstance;
}
