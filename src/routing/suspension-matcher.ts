/**
 * The kill switch's lookup: the store's suspension list compiled once (per
 * change) into a matcher the router consults for every target it considers.
 *
 * A pattern suspends a target when it matches the target id (`provider/model`)
 * or the bare upstream model name, so `gpt-4o` stops that model at every
 * provider and `azure/*` stops one provider. Matching ignores ASCII case: a
 * kill switch should err on the side of stopping (`GPT-4o` is meant to stop
 * `gpt-4o`). Exact patterns are a map lookup; globs are tested in list order
 * with the linear-time matcher of `glob.ts`.
 */
import type { Target } from '../providers/types.ts';
import type { Suspension } from '../store/types.ts';
import type { CompiledGlob } from './glob.ts';
import { compileGlob } from './glob.ts';

export interface SuspensionMatcher {
  /** The first suspension (in list order among globs; exact ones first) covering the target. */
  match(target: Pick<Target, 'id' | 'model'>): Suspension | undefined;
  /** Number of suspensions compiled in. */
  readonly size: number;
}

/** Results are cached per target id; ids come from config (and direct `provider/model` names), so the cache is capped. */
const MAX_CACHED_TARGETS = 4096;

export const NO_SUSPENSIONS: SuspensionMatcher = Object.freeze({
  match: () => undefined,
  size: 0,
});

export function compileSuspensions(suspensions: readonly Suspension[]): SuspensionMatcher {
  if (suspensions.length === 0) return NO_SUSPENSIONS;
  const exact = new Map<string, Suspension>();
  const globs: { readonly glob: CompiledGlob; readonly suspension: Suspension }[] = [];
  for (const suspension of suspensions) {
    const glob = compileGlob(suspension.pattern.toLowerCase());
    if (glob.literal) {
      if (!exact.has(glob.pattern)) exact.set(glob.pattern, suspension);
    } else {
      globs.push({ glob, suspension });
    }
  }
  // `null` caches "not suspended" so a miss is as cheap as a hit.
  const cache = new Map<string, Suspension | null>();

  function lookup(id: string, model: string): Suspension | undefined {
    const exactHit = exact.get(id) ?? exact.get(model);
    if (exactHit !== undefined) return exactHit;
    for (const { glob, suspension } of globs) {
      if (glob.test(id) || glob.test(model)) return suspension;
    }
    return undefined;
  }

  return {
    size: suspensions.length,
    match(target) {
      // The id is `provider/model`, so it determines the model name too.
      const cached = cache.get(target.id);
      if (cached !== undefined) return cached ?? undefined;
      const found = lookup(target.id.toLowerCase(), target.model.toLowerCase());
      if (cache.size >= MAX_CACHED_TARGETS) cache.clear();
      cache.set(target.id, found ?? null);
      return found;
    },
  };
}
