/**
 * Runs one contender over every record of every file, keeping its score,
 * its verdict and the time it spent per file. A contender that throws is
 * stopped and reported with its error; the evaluation goes on without it.
 */
import { performance } from 'node:perf_hooks';
import type { Contender } from './contender.ts';
import type { DatasetFile } from './datasets.ts';

export interface ContenderScores {
  readonly contender: Contender;
  /** Per record, in file order then record order; NaN for yes/no contenders. */
  readonly scores: Float64Array;
  readonly flagged: Uint8Array;
  /** Seconds spent inside the contender per file. */
  readonly fileSeconds: readonly number[];
  /** Set when the contender failed at run time. */
  readonly failure?: string;
}

/** Texts scored before timing starts, so the figures are not those of a cold JIT. */
const WARM_UP_TEXTS = 200;

export async function scoreCorpus(
  contender: Contender,
  files: readonly DatasetFile[],
): Promise<ContenderScores> {
  const total = files.reduce((sum, file) => sum + file.records.length, 0);
  const scores = new Float64Array(total).fill(Number.NaN);
  const flagged = new Uint8Array(total);
  const fileSeconds: number[] = [];
  try {
    let warmed = 0;
    for (const file of files)
      for (const record of file.records) {
        if (warmed++ >= WARM_UP_TEXTS) break;
        await contender.check(record.text, record.surface);
      }
    let index = 0;
    for (const file of files) {
      const started = performance.now();
      for (const record of file.records) {
        const pending = contender.check(record.text, record.surface);
        const verdict = pending instanceof Promise ? await pending : pending;
        if (verdict.score !== undefined) scores[index] = verdict.score;
        flagged[index] = verdict.flagged ? 1 : 0;
        index++;
      }
      fileSeconds.push((performance.now() - started) / 1000);
    }
    return { contender, scores, flagged, fileSeconds };
  } catch (error) {
    return {
      contender,
      scores,
      flagged,
      fileSeconds,
      failure: `failed at run time: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
