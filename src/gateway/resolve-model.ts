/**
 * Which targets serve a request: the alias the caller named (or a direct
 * `provider/model` reference when allowed), checked against what the
 * caller's key may use.
 */
import type { Principal } from '../auth/principal.ts';
import type { Catalog } from '../config/catalog.ts';
import { GatewayError } from '../errors.ts';
import type { Target } from '../providers/types.ts';
import { compileGlob, type CompiledGlob } from '../routing/glob.ts';

export interface ResolvedModel {
  /** The alias, or the direct `provider/model` reference. */
  readonly alias: string;
  readonly targets: readonly Target[];
}

export function resolveModel(
  model: string,
  principal: Principal,
  catalog: Catalog,
  allowDirectModels: boolean,
): ResolvedModel {
  const targets = catalog.aliases.get(model);
  if (targets !== undefined) {
    if (!mayUse(principal, model)) throw notAllowed(model);
    return { alias: model, targets };
  }
  if (principal.allowDirect || allowDirectModels) {
    const direct = catalog.directTarget(model);
    if (direct !== undefined) {
      if (!mayUse(principal, model)) throw notAllowed(model);
      return { alias: model, targets: [direct] };
    }
  }
  throw new GatewayError(
    'unknown_model',
    `The model "${model}" does not exist on this gateway. GET /v1/models lists the models your key may use.`,
    { param: 'model' },
  );
}

export function mayUse(principal: Principal, alias: string): boolean {
  for (const pattern of principal.models) {
    if (pattern === '*' || pattern === alias || compiled(pattern).test(alias)) return true;
  }
  return false;
}

/** Key model patterns compiled once; bounded because patterns come from stored keys. */
const compiledPatterns = new Map<string, CompiledGlob>();

function compiled(pattern: string): CompiledGlob {
  let glob = compiledPatterns.get(pattern);
  if (glob === undefined) {
    glob = compileGlob(pattern);
    if (compiledPatterns.size >= 10_000) compiledPatterns.clear();
    compiledPatterns.set(pattern, glob);
  }
  return glob;
}

function notAllowed(model: string): GatewayError {
  return new GatewayError('model_not_allowed', `Your API key may not use the model "${model}".`, {
    param: 'model',
  });
}
