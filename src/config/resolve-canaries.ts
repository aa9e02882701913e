import { CANARY_REFERENCE } from './guards-schema.ts';
import type { Environment } from './load.ts';

/**
 * `guards.canaries` as values: `env:NAME` read from the environment (checked
 * present at load; an empty variable gives no canary), literals as written.
 */
export function resolveCanaries(canaries: readonly string[], environment: Environment): string[] {
  return canaries.flatMap((canary) => {
    if (!CANARY_REFERENCE.test(canary)) return [canary];
    const value = environment[canary.slice('env:'.length)];
    return value === undefined || value === '' ? [] : [value];
  });
}
