/**
 * The guard pipeline of one configuration snapshot: detectors built once,
 * profiles compiled once, and per request an inspector that runs the
 * profile's detectors on each text and assigns actions.
 *
 * Fail closed: a detector that throws, or a pass that runs over its time
 * budget, refuses the request (`guard_failed`) rather than letting
 * uninspected text through. Detectors are synchronous, so the budget is
 * checked after each detector call: a pass stops at the first call that
 * ends past the budget.
 *
 * The budget is CPU time of the process (`process.cpuUsage`), not wall
 * time: while a synchronous pass runs, the process's CPU time is the pass's
 * work, and a machine busy with other processes must not make the gateway
 * refuse requests. What the budget catches is detector work gone wrong
 * (pathological input, a slow pattern), which burns CPU either way.
 */
import type { GuardsConfig } from '../config/guards-schema.ts';
import { GatewayError } from '../errors.ts';
import { compileProfiles, compileSelector, detectorsInUse, actionFor } from './profile.ts';
import type { GuardProfile, ProfileSelector } from './profile.ts';
import type { GuardFailureReason } from './report.ts';
import type { DecidedFinding, Detector, Subject, Surface } from './types.ts';

export interface GuardPipeline {
  /** False when `guards.enabled` is off: nothing is inspected. */
  readonly enabled: boolean;
  readonly plantCanary: boolean;
  /** Per pass, in milliseconds. */
  readonly timeBudgetMs: number;
  /** The profile a request uses, by its key name and model alias. */
  profileFor(keyName: string, alias: string): GuardProfile;
  /**
   * An inspector for one request: the profile's detectors, the configured
   * canaries plus `plantedCanary` on every subject.
   */
  forRequest(profile: GuardProfile, plantedCanary?: string): RequestInspector;
}

export interface RequestInspector {
  /** Configured canaries and the planted one: put on every subject. */
  readonly canaries: readonly string[];
  /**
   * Inspects subjects as one pass within the time budget. Throws a
   * `guard_failed` GatewayError (cause: {@link GuardFailure}) when a
   * detector throws or the budget runs out.
   */
  pass(subjects: readonly Subject[]): readonly DecidedFinding[];
}

/** The internal cause of a `guard_failed` error: which detector, and why. */
export class GuardFailure extends Error {
  override readonly name = 'GuardFailure';
  readonly reason: GuardFailureReason;
  readonly detector: string;
  readonly surface: Surface;

  constructor(reason: GuardFailureReason, detector: string, surface: Surface, cause?: unknown) {
    super(
      reason === 'detector_error'
        ? `guard detector ${detector} threw`
        : 'guard time budget exceeded',
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
    this.detector = detector;
    this.surface = surface;
  }
}

export interface GuardPipelineOptions {
  /** Canary values, resolved from `guards.canaries` (literals and `env:` references). */
  readonly canaries: readonly string[];
  /**
   * Builds the detectors, given the ids some profile enables (registry.ts
   * `buildDetectors`; tests pass their own). Not called when guards are off.
   */
  readonly detectors: (used: ReadonlySet<string>) => ReadonlyMap<string, Detector>;
  /** The clock, in milliseconds; default CPU time (tests may pass a fake one). */
  readonly now?: () => number;
}

export function createGuardPipeline(
  guards: GuardsConfig,
  options: GuardPipelineOptions,
): GuardPipeline {
  const profiles = compileProfiles(guards);
  const selector: ProfileSelector = compileSelector(guards, profiles);
  const used = detectorsInUse(profiles);
  const detectors = guards.enabled ? options.detectors(used) : new Map<string, Detector>();
  // A profile naming a detector that is not there would silently skip it
  // (fail open): refuse the configuration instead.
  if (guards.enabled) {
    for (const id of used) {
      if (!detectors.has(id)) throw new Error(`guard detector ${id} is not available`);
    }
  }
  warmUp(detectors);
  // CPU time decides; the wall clock (much cheaper to read than
  // `process.cpuUsage()`, a syscall) only says when CPU time is worth
  // reading: CPU time of a synchronous pass cannot exceed its wall time.
  const cpuNow = options.now ?? cpuMilliseconds;
  const wallNow = options.now ?? performance.now.bind(performance);
  // Reading CPU time costs ~7 µs, more than guarding a short request, so a
  // pass does not read it at its start: it compares with a reading at most
  // CPU_READING_MAX_AGE_MS older than the pass. That over-counts the pass's
  // CPU by at most the age times the cores, so the budget can only bite
  // earlier (fail closed), never later.
  let reading = { wall: Number.NEGATIVE_INFINITY, cpu: 0 };
  const cpuBaseline = (wall: number): number => {
    if (wall - reading.wall > CPU_READING_MAX_AGE_MS) reading = { wall, cpu: cpuNow() };
    return reading.cpu;
  };
  const budget = guards.timeBudgetMs;
  const staticCanaries = Object.freeze([...options.canaries]);
  // Per profile and surface, the detectors in configuration order with their
  // ids, resolved once rather than looked up by id on every pass.
  const resolved = new WeakMap<GuardProfile, Readonly<Record<Surface, readonly Running[]>>>();
  const runningOf = (profile: GuardProfile): Readonly<Record<Surface, readonly Running[]>> => {
    let running = resolved.get(profile);
    if (running === undefined) {
      const on = (surface: Surface): Running[] =>
        [...profile.surfaces[surface].keys()].flatMap((id) => {
          const detector = detectors.get(id);
          return detector === undefined ? [] : [{ id, detector }]; // checked at build
        });
      running = { input: on('input'), tool_output: on('tool_output'), output: on('output') };
      resolved.set(profile, running);
    }
    return running;
  };

  const inspector = (profile: GuardProfile, canaries: readonly string[]): RequestInspector => ({
    canaries,
    pass(subjects) {
      const wallStarted = wallNow();
      const cpuStarted = cpuBaseline(wallStarted);
      const decided: DecidedFinding[] = [];
      const running = runningOf(profile);
      for (const subject of subjects) {
        for (const { id, detector } of running[subject.surface]) {
          runDetector(detector, subject, profile, decided);
          if (wallNow() - wallStarted > budget && cpuNow() - cpuStarted > budget) {
            throw failed(new GuardFailure('time_budget', id, subject.surface));
          }
        }
      }
      return decided;
    },
  });
  const sharedInspectors = new WeakMap<GuardProfile, RequestInspector>();

  return {
    enabled: guards.enabled,
    plantCanary: guards.plantCanary,
    timeBudgetMs: budget,
    profileFor: (keyName, alias) => selector.select(keyName, alias),
    forRequest(profile, plantedCanary) {
      // Without a planted canary an inspector holds nothing of the request:
      // one per profile serves every request.
      if (plantedCanary === undefined) {
        let shared = sharedInspectors.get(profile);
        if (shared === undefined) {
          shared = inspector(profile, staticCanaries);
          sharedInspectors.set(profile, shared);
        }
        return shared;
      }
      return inspector(profile, Object.freeze([...staticCanaries, plantedCanary]));
    },
  };
}

/** A detector a profile runs, by the id the profile names it with. */
interface Running {
  readonly id: string;
  readonly detector: Detector;
}

/**
 * Runs every detector once on a small sample at build time: first calls pay
 * for lazy loading and compilation (model weights, large patterns), which
 * must not count against the first request's time budget. A throw here is
 * ignored: the same detector throwing on a request fails that request closed.
 */
function warmUp(detectors: ReadonlyMap<string, Detector>): void {
  const text =
    'Warm-up: mail alice@example.com, see https://example.com/a.png, key sk-test, ignore this.';
  for (const detector of detectors.values()) {
    for (const surface of ['input', 'tool_output', 'output'] as const) {
      try {
        detector.detect({ surface, text, location: 'warm-up', canaries: ['warm-up-canary'] });
      } catch {
        // See above.
      }
    }
  }
}

/** CPU time (user + system) of the process so far, in milliseconds. */
/** See `cpuBaseline` in {@link createGuardPipeline}. */
const CPU_READING_MAX_AGE_MS = 5;

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs one detector on a subject and appends its findings, with their actions, to `decided`. */
function runDetector(
  detector: Detector,
  subject: Subject,
  profile: GuardProfile,
  decided: DecidedFinding[],
): void {
  let findings;
  try {
    findings = detector.detect(subject);
  } catch (cause) {
    throw failed(new GuardFailure('detector_error', detector.id, subject.surface, cause));
  }
  for (const finding of findings) {
    // Actions are by the detector that ran (its findings carry the same id).
    const action = actionFor(profile, subject.surface, detector.id, finding);
    if (action === undefined) continue;
    decided.push({ finding, action, surface: subject.surface, location: subject.location });
  }
}

function failed(failure: GuardFailure): GatewayError {
  const message =
    failure.reason === 'detector_error'
      ? `The guard detector ${failure.detector} failed on ${failure.surface}; the request was refused (fail closed).`
      : `The guards did not finish within their time budget on ${failure.surface}; the request was refused (fail closed).`;
  return new GatewayError('guard_failed', message, { cause: failure });
}
