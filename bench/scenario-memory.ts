/**
 * Scenario (e): resident memory of the gateway (primary + workers, summed)
 * while `streams` slow streams are open through it at once. Each stream
 * delivers one chunk every 100 ms for a few seconds (the slow upstream), so
 * all of them are open together; RSS is sampled every 50 ms while they are,
 * and the peak is reported.
 */
import { Pool } from 'undici';
import { pssMiB, rssMiB, sumOver } from './proc-stats.ts';
import { CHAT_PATH, chatBody, MODELS } from './requests.ts';
import type { ScenarioContext } from './scenario-context.ts';

const OPEN_TIMEOUT_MS = 10_000;
const SAMPLE_MS = 50;

export interface StreamMemory {
  readonly streams: number;
  /** Gateway RSS before the streams were opened (after the earlier scenarios). */
  readonly beforeMiB: number;
  /** Peak summed RSS while every stream was open. */
  readonly peakMiB: number;
  /** Each process's RSS at the peak: the primary first. */
  readonly perProcessMiB: readonly number[];
  /** Summed PSS at the RSS peak: shared pages counted once across the processes. */
  readonly pssAtPeakMiB: number;
  /** Streams that ended normally (all of them, or the run is invalid). */
  readonly completed: number;
}

export async function streamMemory(context: ScenarioContext): Promise<StreamMemory> {
  const { gateway, settings } = context;
  const streams = settings.streams;
  const pool = new Pool(gateway.url, { connections: streams, pipelining: 1 });
  const body = chatBody(MODELS.slow, true);
  const beforeMiB = sumOver(gateway.pids, rssMiB);
  let open = 0;
  let completed = 0;
  let failed = 0;

  async function one(): Promise<void> {
    try {
      const response = await pool.request({
        path: CHAT_PATH,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      let counted = false;
      for await (const chunk of response.body) {
        if (!counted && (chunk as Buffer).length > 0) {
          counted = true;
          open++;
        }
      }
      if (counted) open--;
      if (response.statusCode === 200) completed++;
      else failed++;
    } catch {
      failed++;
    }
  }

  try {
    const all = Promise.all(Array.from({ length: streams }, one));
    const opened = performance.now();
    while (open < streams && failed === 0 && performance.now() - opened < OPEN_TIMEOUT_MS) {
      await sleep(10);
    }
    if (open < streams) {
      await all;
      throw new Error(`only ${open} of ${streams} streams were open at once (${failed} failed)`);
    }
    let peakMiB = 0;
    let perProcessMiB: number[] = [];
    let pssAtPeakMiB = 0;
    while (open === streams) {
      const sample = gateway.pids.map(rssMiB);
      const total = sample.reduce((sum, value) => sum + value, 0);
      if (total > peakMiB) {
        peakMiB = total;
        perProcessMiB = sample;
        pssAtPeakMiB = sumOver(gateway.pids, pssMiB);
      }
      await sleep(SAMPLE_MS);
    }
    await all;
    if (failed > 0) throw new Error(`${failed} of ${streams} streams failed`);
    return { streams, beforeMiB, peakMiB, perProcessMiB, pssAtPeakMiB, completed };
  } finally {
    await pool.close();
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
