/**
 * Where the time of one scan goes: each detector's `detect` alone on the
 * same texts (one run, p50 per call). Detectors build the views they need
 * themselves, so the columns overlap and do not sum to the pipeline figure.
 */
import { performance } from 'node:perf_hooks';
import { createCanaryDetector } from '../src/guards/detectors/canary/index.ts';
import { createExfiltrationDetector } from '../src/guards/detectors/exfiltration/index.ts';
import { createHiddenTextDetector } from '../src/guards/detectors/hidden-text/index.ts';
import { createInjectionDetector } from '../src/guards/detectors/injection/index.ts';
import { createPiiDetector } from '../src/guards/detectors/pii/index.ts';
import { createSecretsDetector } from '../src/guards/detectors/secrets/index.ts';
import { buildViews } from '../src/guards/normalize/views.ts';
import type { Subject } from '../src/guards/types.ts';
import type { BenchText } from './guard-texts.ts';
import { Samples } from './stats.ts';

export interface BreakdownRow {
  readonly kind: string;
  readonly bytes: number;
  /** p50 ms per call, by stage (`views`, then detector ids). */
  readonly p50Ms: Readonly<Record<string, number>>;
}

const MIN_CALLS = 20;

export function measureBreakdown(
  texts: readonly BenchText[],
  seconds: number,
): readonly BreakdownRow[] {
  const stages: readonly (readonly [string, (subject: Subject) => unknown])[] = [
    ['views', (subject) => buildViews(subject.text)],
    ...[
      createInjectionDetector(),
      createSecretsDetector(),
      createPiiDetector(),
      createCanaryDetector(),
      createExfiltrationDetector(),
      createHiddenTextDetector(),
    ].map((detector) => [detector.id, (subject: Subject) => detector.detect(subject)] as const),
  ];
  return texts.map((text) => {
    const subject: Subject = { surface: 'input', text: text.text, location: 'bench', canaries: [] };
    const p50Ms: Record<string, number> = {};
    for (const [name, run] of stages) {
      run(subject);
      const samples = new Samples();
      const until = performance.now() + seconds * 1000;
      while (samples.count < MIN_CALLS || performance.now() < until) {
        const started = performance.now();
        run(subject);
        samples.add(performance.now() - started);
      }
      p50Ms[name] = samples.percentiles([0.5])[0] ?? Number.NaN;
    }
    return { kind: text.kind, bytes: text.bytes, p50Ms };
  });
}
