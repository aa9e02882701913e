/**
 * The obfuscation probe: attacks each contender catches in plain form,
 * re-checked after each obfuscation. The figure is the share still caught
 * (target 100 %: an obfuscation must not buy an attacker anything).
 */
import type { Contender } from './contender.ts';
import type { DatasetFile, EvalRecord } from './datasets.ts';
import { OBFUSCATIONS } from './obfuscations.ts';

export interface ProbeRow {
  readonly detector: string;
  /** Attacks in the probe and how many were caught in plain form. */
  readonly attacks: number;
  readonly caughtPlain: number;
  /** By obfuscation name: the share of `caughtPlain` still caught. */
  readonly stillCaught: Readonly<Record<string, number>>;
  readonly failure?: string;
}

/**
 * English attacks on the input surface, spread evenly over the files in
 * order (so no single source dominates); at most `count`.
 */
export function probeAttacks(files: readonly DatasetFile[], count: number): readonly EvalRecord[] {
  const pool = files
    .filter((file) => file.name.startsWith('text/'))
    .flatMap((file) => file.records)
    .filter((record) => record.positive && record.surface === 'input' && record.lang === 'en');
  if (pool.length <= count) return pool;
  const step = pool.length / count;
  return Array.from({ length: count }, (_, index) => pool[Math.floor(index * step)]).filter(
    (record): record is EvalRecord => record !== undefined,
  );
}

async function caught(contender: Contender, text: string): Promise<boolean> {
  return (await contender.check(text, 'input')).flagged;
}

export async function runObfuscationProbe(
  contender: Contender,
  attacks: readonly EvalRecord[],
): Promise<ProbeRow> {
  try {
    const plainCaught: string[] = [];
    for (const attack of attacks)
      if (await caught(contender, attack.text)) plainCaught.push(attack.text);
    const stillCaught: Record<string, number> = {};
    for (const obfuscation of OBFUSCATIONS) {
      let count = 0;
      for (const text of plainCaught) if (await caught(contender, obfuscation.apply(text))) count++;
      stillCaught[obfuscation.name] =
        plainCaught.length === 0 ? Number.NaN : count / plainCaught.length;
    }
    return {
      detector: contender.name,
      attacks: attacks.length,
      caughtPlain: plainCaught.length,
      stillCaught,
    };
  } catch (error) {
    return {
      detector: contender.name,
      attacks: attacks.length,
      caughtPlain: 0,
      stillCaught: {},
      failure: `failed at run time: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
