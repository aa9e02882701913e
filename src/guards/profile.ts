/**
 * Guard profiles compiled from configuration: which detectors run on which
 * surface, the action each finding gets (per-rule overrides first), and
 * which profile a request uses (the first `select` entry matching its key
 * name and model alias, else `default`).
 */
import { DEFAULT_GUARD_PROFILE, SHIPPED_GUARD_PROFILES } from '../config/guard-profiles.ts';
import type {
  GuardActionSpec,
  GuardProfileConfig,
  GuardSelectConfig,
  GuardsConfig,
} from '../config/guards-schema.ts';
import { compileGlob, type CompiledGlob } from '../routing/glob.ts';
import { SURFACES, type Finding, type GuardAction, type Surface } from './types.ts';

/** The action of one detector on one surface, with per-rule overrides. */
export interface DetectorActions {
  readonly action: GuardAction;
  readonly rules: ReadonlyMap<string, GuardAction>;
}

export interface GuardProfile {
  readonly name: string;
  /** Per surface: the detectors that run there (in configuration order) and their actions. */
  readonly surfaces: Readonly<Record<Surface, ReadonlyMap<string, DetectorActions>>>;
}

/** The shipped profiles overlaid by the configured ones (a configured profile replaces a shipped one). */
export function compileProfiles(guards: GuardsConfig): ReadonlyMap<string, GuardProfile> {
  const profiles = new Map<string, GuardProfile>();
  const all: Record<string, GuardProfileConfig> = { ...SHIPPED_GUARD_PROFILES, ...guards.profiles };
  for (const [name, profile] of Object.entries(all)) {
    profiles.set(name, compileProfile(name, profile));
  }
  return profiles;
}

function compileProfile(name: string, profile: GuardProfileConfig): GuardProfile {
  const surface = (actions: GuardProfileConfig[Surface]): ReadonlyMap<string, DetectorActions> => {
    const compiled = new Map<string, DetectorActions>();
    for (const [detector, spec] of Object.entries<GuardActionSpec | undefined>(actions)) {
      if (spec !== undefined) compiled.set(detector, compileSpec(spec));
    }
    return compiled;
  };
  return {
    name,
    surfaces: {
      input: surface(profile.input),
      tool_output: surface(profile.tool_output),
      output: surface(profile.output),
    },
  };
}

function compileSpec(spec: GuardActionSpec): DetectorActions {
  if (typeof spec === 'string') return { action: spec, rules: new Map() };
  return { action: spec.action, rules: new Map(Object.entries(spec.rules)) };
}

/**
 * The action a profile assigns to a finding of a detector on a surface (a
 * rule override first); undefined when the detector is not enabled there.
 */
export function actionFor(
  profile: GuardProfile,
  surface: Surface,
  detector: string,
  finding: Pick<Finding, 'rule'>,
): GuardAction | undefined {
  const actions = profile.surfaces[surface].get(detector);
  if (actions === undefined) return undefined;
  return actions.rules.get(finding.rule) ?? actions.action;
}

/** Every detector id some profile enables on some surface. */
export function detectorsInUse(profiles: ReadonlyMap<string, GuardProfile>): ReadonlySet<string> {
  const used = new Set<string>();
  for (const profile of profiles.values()) {
    for (const surface of SURFACES) {
      for (const detector of profile.surfaces[surface].keys()) used.add(detector);
    }
  }
  return used;
}

export interface ProfileSelector {
  /** The profile for a request by its key name and the model alias it asked for. */
  select(keyName: string, alias: string): GuardProfile;
}

export function compileSelector(
  guards: GuardsConfig,
  profiles: ReadonlyMap<string, GuardProfile>,
): ProfileSelector {
  const fallback = profiles.get(DEFAULT_GUARD_PROFILE);
  if (fallback === undefined) throw new Error('the default guard profile is missing');
  const rules = guards.select.map((entry: GuardSelectConfig) => {
    const profile = profiles.get(entry.profile);
    // Checked at load (config/load.ts); a stale name here is a bug, not a fallback.
    if (profile === undefined) throw new Error(`unknown guard profile ${entry.profile}`);
    return {
      keys: entry.keys?.map(compileGlob),
      models: entry.models?.map(compileGlob),
      profile,
    };
  });
  return {
    select(keyName, alias) {
      for (const rule of rules) {
        if (matchesAny(rule.keys, keyName) && matchesAny(rule.models, alias)) return rule.profile;
      }
      return fallback;
    },
  };
}

/** An absent list matches anything. */
function matchesAny(globs: readonly CompiledGlob[] | undefined, subject: string): boolean {
  return globs === undefined || globs.some((glob) => glob.test(subject));
}
