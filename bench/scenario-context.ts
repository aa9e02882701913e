/** What every scenario gets: the processes under test and the settings of the run. */
import type { GatewayProcess, GuardsSetting } from './gateway-process.ts';
import type { UpstreamHandle } from './upstream-handle.ts';

export interface BenchSettings {
  readonly workers: number;
  /** Measured seconds per scenario (per side for the paired scenarios). */
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** autocannon connections for the throughput scenarios. */
  readonly connections: number;
  /** Fixed request rate of the added-latency scenario. */
  readonly latencyRate: number;
  /** Fixed request rate of the streaming time-to-first-byte scenario. */
  readonly streamRate: number;
  /** Concurrent streams of the memory scenario. */
  readonly streams: number;
  /** Size of the chat conversation sent, in KB; 0 sends the short default request. */
  readonly conversationKb: number;
  /** The gateway's guards (see gateway-process.ts). */
  readonly guards: GuardsSetting;
}

export interface ScenarioContext {
  readonly upstream: UpstreamHandle;
  readonly gateway: GatewayProcess;
  readonly settings: BenchSettings;
  /** Progress for people, on stderr. */
  readonly log: (line: string) => void;
}
