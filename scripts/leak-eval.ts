/**
 * Recall and false-positive rate of the leak detectors (secrets, PII) on
 * the generated corpora (test/support/dlp-corpus). A positive counts as
 * found when a finding of its type with score ≥ `threshold` overlaps it; a
 * benign document is a false positive when any finding reaches `threshold`.
 * The eval script prints these figures; a unit test asserts the targets
 * (recall ≥ 99 %, FPR ≤ 0.1 %).
 */
import { createPiiDetector } from '../src/guards/detectors/pii/index.ts';
import { createSecretsDetector } from '../src/guards/detectors/secrets/index.ts';
import type { Detector, Finding } from '../src/guards/types.ts';
import {
  nodeModulesBenignCorpus,
  syntheticBenignCorpus,
} from '../test/support/dlp-corpus/benign.ts';
import { positiveCorpus } from '../test/support/dlp-corpus/positives.ts';

export interface TypeFigures {
  readonly type: string;
  readonly samples: number;
  readonly found: number;
  readonly recall: number;
  /** Benign documents with a finding of this type. */
  readonly falsePositives: number;
}

export interface LeakEvaluation {
  readonly threshold: number;
  readonly byType: readonly TypeFigures[];
  readonly benignDocuments: number;
  /** Benign documents with any finding at or above the threshold. */
  readonly benignFlagged: number;
  readonly falsePositiveRate: number;
  /** Types of the findings on benign documents, for diagnosis (never the text). */
  readonly falsePositiveTypes: Readonly<Record<string, number>>;
}

export interface LeakEvaluationOptions {
  readonly perType?: number;
  readonly benignCount?: number;
  readonly threshold?: number;
  /** Repository root, for the node_modules part of the benign corpus; omit to skip it. */
  readonly root?: string;
}

export function evaluateLeakDetectors(options: LeakEvaluationOptions = {}): LeakEvaluation {
  const threshold = options.threshold ?? 0.5;
  const detectors: readonly Detector[] = [createSecretsDetector(), createPiiDetector()];
  const detect = (text: string): Finding[] =>
    detectors
      .flatMap((detector) =>
        detector.detect({ surface: 'output', text, location: 'eval', canaries: [] }),
      )
      .filter((finding) => finding.score >= threshold);

  const counts = new Map<string, { samples: number; found: number; falsePositives: number }>();
  const entry = (type: string) => {
    let value = counts.get(type);
    if (value === undefined) {
      value = { samples: 0, found: 0, falsePositives: 0 };
      counts.set(type, value);
    }
    return value;
  };
  for (const sample of positiveCorpus(options.perType ?? 200)) {
    const figures = entry(sample.type);
    figures.samples++;
    const hit = detect(sample.text).some(
      (finding) =>
        finding.type === sample.type &&
        finding.span !== undefined &&
        finding.span.start < sample.end &&
        sample.start < finding.span.end,
    );
    if (hit) figures.found++;
  }

  const benign = [
    ...syntheticBenignCorpus(options.benignCount ?? 5000),
    ...(options.root === undefined ? [] : nodeModulesBenignCorpus(options.root)),
  ];
  let flagged = 0;
  const falsePositiveTypes: Record<string, number> = {};
  for (const document of benign) {
    const findings = detect(document);
    if (findings.length > 0) flagged++;
    for (const type of new Set(findings.map((finding) => finding.type))) {
      entry(type).falsePositives++;
      falsePositiveTypes[type] = (falsePositiveTypes[type] ?? 0) + 1;
    }
  }

  return {
    threshold,
    byType: [...counts].map(([type, value]) => ({
      type,
      ...value,
      recall: value.samples === 0 ? 1 : value.found / value.samples,
    })),
    benignDocuments: benign.length,
    benignFlagged: flagged,
    falsePositiveRate: flagged / benign.length,
    falsePositiveTypes,
  };
}
