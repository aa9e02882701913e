/**
 * The model catalog: configuration turned into runtime objects. Providers get
 * their secrets resolved (wrapped in `Secret`), aliases get their targets
 * resolved with defaults and merged region rules. Built once per config load
 * (and again on SIGHUP reload).
 */
import type { ResolvedProvider, Target } from '../providers/types.ts';
import type { Config, ProviderConfig, RegionRules, TargetConfig } from './schema.ts';
import type { Environment } from './load.ts';
import { Secret } from './secret.ts';

/** Sent as `max_tokens` to providers that require it when the caller gave none. */
const DEFAULT_MAX_TOKENS = 4096;
const DEFAULT_CONNECTIONS = 128;

export interface Catalog {
  readonly providers: ReadonlyMap<string, ResolvedProvider>;
  /** Alias → its targets in fallback order. */
  readonly aliases: ReadonlyMap<string, readonly Target[]>;
  /** A `provider/model` reference as a single target, if the provider exists. */
  directTarget(reference: string): Target | undefined;
}

export function buildCatalog(config: Config, environment: Environment): Catalog {
  const providers = new Map<string, ResolvedProvider>();
  for (const [name, provider] of Object.entries(config.providers)) {
    providers.set(name, resolveProvider(name, provider, environment));
  }
  const providerRegions = new Map<string, RegionRules>();
  for (const [name, provider] of Object.entries(config.providers)) {
    providerRegions.set(name, provider.regions ?? {});
  }

  const makeTarget = (target: TargetConfig): Target | undefined => {
    const provider = providers.get(target.provider);
    if (provider === undefined) return undefined;
    return Object.freeze({
      id: `${provider.name}/${target.model}`,
      provider,
      model: target.model,
      timeoutMs: target.timeoutMs ?? config.routing.attemptTimeoutMs,
      defaultMaxTokens: target.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
      regions: mergeRegions(providerRegions.get(provider.name) ?? {}, target.regions ?? {}),
    });
  };

  const aliases = new Map<string, readonly Target[]>();
  for (const [alias, definition] of Object.entries(config.models)) {
    const targets: Target[] = [];
    for (const target of definition.targets) {
      const resolved = makeTarget(target);
      if (resolved !== undefined) targets.push(resolved);
    }
    aliases.set(alias, Object.freeze(targets));
  }

  const directCache = new Map<string, Target>();
  return {
    providers,
    aliases,
    directTarget(reference) {
      const cached = directCache.get(reference);
      if (cached !== undefined) return cached;
      const slash = reference.indexOf('/');
      if (slash <= 0 || slash === reference.length - 1) return undefined;
      const target = makeTarget({
        provider: reference.slice(0, slash),
        model: reference.slice(slash + 1),
      });
      // Bounded: only references to configured providers are cached, and the
      // cache is dropped with the catalog on reload.
      if (target !== undefined && directCache.size < 10_000) directCache.set(reference, target);
      return target;
    },
  };
}

function resolveProvider(
  name: string,
  provider: ProviderConfig,
  environment: Environment,
): ResolvedProvider {
  switch (provider.kind) {
    case 'sim':
      return Object.freeze({ name, kind: 'sim', baseUrl: '', headers: {}, connections: 1 });
    case 'openai':
      return Object.freeze({
        name,
        kind: 'openai',
        baseUrl: trimSlash(provider.baseUrl),
        ...secretField(provider.apiKey, environment),
        headers: provider.headers ?? {},
        ...(provider.organization === undefined ? {} : { organization: provider.organization }),
        connections: provider.connections ?? DEFAULT_CONNECTIONS,
      });
    case 'azure-openai':
      return Object.freeze({
        name,
        kind: 'azure-openai',
        baseUrl: trimSlash(provider.baseUrl),
        ...secretField(provider.apiKey, environment),
        headers: provider.headers ?? {},
        apiVersion: provider.apiVersion,
        connections: provider.connections ?? DEFAULT_CONNECTIONS,
      });
    case 'anthropic':
      return Object.freeze({
        name,
        kind: 'anthropic',
        baseUrl: trimSlash(provider.baseUrl),
        ...secretField(provider.apiKey, environment),
        headers: provider.headers ?? {},
        apiVersion: provider.version,
        connections: provider.connections ?? DEFAULT_CONNECTIONS,
      });
  }
}

function secretField(reference: string | undefined, environment: Environment): { apiKey?: Secret } {
  if (reference === undefined) return {};
  const value = environment[reference.slice('env:'.length)];
  // load.ts has already rejected missing variables.
  return value === undefined ? {} : { apiKey: new Secret(value, reference) };
}

function mergeRegions(provider: RegionRules, target: RegionRules): RegionRules {
  const allow = target.allow ?? provider.allow;
  const deny = [...(provider.deny ?? []), ...(target.deny ?? [])];
  return {
    ...(allow === undefined ? {} : { allow: [...allow] }),
    ...(deny.length === 0 ? {} : { deny }),
  };
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
