/**
 * Builds the detectors a configuration uses, once per configuration
 * snapshot (start and every reload), with their configured options.
 * Detectors no profile enables are not built.
 */
import type { GuardDetectorId, GuardsConfig } from '../config/guards-schema.ts';
import { createCanaryDetector } from './detectors/canary/index.ts';
import { createExfiltrationDetector } from './detectors/exfiltration/index.ts';
import { createHiddenTextDetector } from './detectors/hidden-text/index.ts';
import { createInjectionDetector, type InjectionDetector } from './detectors/injection/index.ts';
import { createPiiDetector } from './detectors/pii/index.ts';
import { createSecretsDetector } from './detectors/secrets/index.ts';
import type { Detector } from './types.ts';

/**
 * Detectors to use instead of the built ones, by id. A test seam (a
 * detector that throws or is slow, to show the gateway fails closed); see
 * `GatewayOptions.guardDetectors`.
 */
export type DetectorOverrides = Readonly<Partial<Record<GuardDetectorId, Detector>>>;

export function buildDetectors(
  guards: GuardsConfig,
  used: ReadonlySet<string>,
  overrides: DetectorOverrides = {},
): ReadonlyMap<string, Detector> {
  const factories = detectorFactories(guards);
  const detectors = new Map<string, Detector>();
  for (const [id, factory] of Object.entries(factories) as [GuardDetectorId, () => Detector][]) {
    if (!used.has(id)) continue;
    detectors.set(id, overrides[id] ?? factory());
  }
  return detectors;
}

/** The injection detector with the configured thresholds (also used by `ringfence scan --config`). */
export function injectionDetectorFor(guards: GuardsConfig): InjectionDetector {
  const thresholds = guards.detectors.injection?.thresholds;
  return createInjectionDetector(
    thresholds === undefined ? {} : { thresholds: withoutUndefined(thresholds) },
  );
}

/** One factory per detector id, each applying that detector's configured options. */
export function detectorFactories(guards: GuardsConfig): Record<GuardDetectorId, () => Detector> {
  const options = guards.detectors;
  return {
    injection: () => injectionDetectorFor(guards),
    secrets: () =>
      createSecretsDetector(
        options.secrets?.rules === undefined ? {} : { rules: options.secrets.rules },
      ),
    pii: () =>
      createPiiDetector({
        ...(options.pii?.locales === undefined ? {} : { locales: options.pii.locales }),
        ...(options.pii?.types === undefined ? {} : { types: options.pii.types }),
      }),
    // Canaries reach the detector through each subject (configured + planted).
    canary: () => createCanaryDetector(),
    exfiltration: () =>
      createExfiltrationDetector(
        options.exfiltration?.allowedDomains === undefined
          ? {}
          : { allowedDomains: options.exfiltration.allowedDomains },
      ),
    'hidden-text': () => createHiddenTextDetector(),
  };
}

function withoutUndefined<T extends object>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
