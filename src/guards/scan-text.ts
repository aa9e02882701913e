/**
 * Scanning one text with every detector at its default options, outside the
 * gateway: `ringfence scan`, the detection evaluation and the guard
 * benchmark. It answers "what would the detectors find", not "what would
 * the gateway do" (actions come from a profile in the pipeline).
 */
import { createCanaryDetector } from './detectors/canary/index.ts';
import { createExfiltrationDetector } from './detectors/exfiltration/index.ts';
import { createHiddenTextDetector } from './detectors/hidden-text/index.ts';
import { createInjectionDetector, type InjectionDetector } from './detectors/injection/index.ts';
import { createPiiDetector } from './detectors/pii/index.ts';
import { createSecretsDetector } from './detectors/secrets/index.ts';
import { GUARD_DETECTOR_IDS, type GuardsConfig } from '../config/guards-schema.ts';
import { detectorFactories, injectionDetectorFor } from './registry.ts';
import type { Detector, Finding, Subject, Surface } from './types.ts';

export interface ScanResult {
  /** True when any detector found anything. */
  readonly flagged: boolean;
  /** The injection probability (max over the text's views), also when below the threshold. */
  readonly score: number;
  readonly findings: readonly Finding[];
}

export interface TextScannerOptions {
  /** Canary strings that must not appear (checked by the canary detector). */
  readonly canaries?: readonly string[];
  /** Replaces the default injection detector (e.g. other thresholds). */
  readonly injection?: InjectionDetector;
  /**
   * A configuration's `guards` section: every detector is built with its
   * configured options (thresholds, secret rules, PII locales and types,
   * allowed domains). Profiles do not apply: all detectors run.
   */
  readonly guards?: GuardsConfig;
}

export interface TextScanner {
  /** The injection threshold used for a surface. */
  threshold(surface: Surface): number;
  scan(text: string, surface: Surface, location?: string): ScanResult;
}

/** Builds the detectors once; reuse the scanner for many texts. */
export function createTextScanner(options: TextScannerOptions = {}): TextScanner {
  const guards = options.guards;
  const factories = guards === undefined ? undefined : detectorFactories(guards);
  const injection =
    options.injection ??
    (guards === undefined ? createInjectionDetector() : injectionDetectorFor(guards));
  const others: readonly Detector[] =
    factories === undefined
      ? [
          createSecretsDetector(),
          createPiiDetector(),
          createCanaryDetector(),
          createExfiltrationDetector(),
          createHiddenTextDetector(),
        ]
      : GUARD_DETECTOR_IDS.filter((id) => id !== 'injection').map((id) => factories[id]());
  const canaries = options.canaries ?? [];
  return {
    threshold: (surface) => injection.threshold(surface),
    scan(text, surface, location = 'text') {
      const subject: Subject = { surface, text, location, canaries };
      const scored = injection.score(text, surface);
      // The detector's own finding from the score already computed: one scoring per text.
      const findings: Finding[] = [...injection.findings(scored, surface)];
      for (const detector of others) {
        const found = detector.detect(subject);
        for (const finding of found) findings.push(finding);
      }
      return { flagged: findings.length > 0, score: scored.score, findings };
    },
  };
}

let sharedScanner: TextScanner | undefined;

/** One-off scan with the default detectors (the scanner is built on first use). */
export function scanText(text: string, surface: Surface): ScanResult {
  sharedScanner ??= createTextScanner();
  return sharedScanner.scan(text, surface);
}
