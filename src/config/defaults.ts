/**
 * Built-in defaults that depend on the environment: the `sim` models for the
 * zero-configuration quick start, and providers for the well-known API key
 * variables. Configuration always wins: a provider or alias defined in the
 * file is never replaced.
 */
import type { Config, ProviderConfig, AliasConfig } from './schema.ts';
import type { Environment } from './load.ts';

export const SIM_PROVIDER = 'sim';
export const SIM_ALIASES = ['sim/echo', 'sim/obedient', 'sim/scripted'] as const;

export function applyEnvironmentDefaults(config: Config, environment: Environment): Config {
  const providers: Record<string, ProviderConfig> = { ...config.providers };
  const models: Record<string, AliasConfig> = { ...config.models };

  if (config.builtins.simModels) {
    providers[SIM_PROVIDER] ??= { kind: 'sim' };
    for (const alias of SIM_ALIASES) {
      models[alias] ??= {
        description: 'Built-in test double (not a real model); see docs/sim-models.md',
        targets: [{ provider: SIM_PROVIDER, model: alias.slice('sim/'.length) }],
      };
    }
  }

  if (config.builtins.envProviders) {
    if (nonEmpty(environment['OPENAI_API_KEY']) && !('openai' in providers)) {
      providers['openai'] = {
        kind: 'openai',
        // An empty variable (`OPENAI_BASE_URL=` in a compose file) means unset, as for the key.
        baseUrl: nonEmptyOr(environment['OPENAI_BASE_URL'], 'https://api.openai.com/v1'),
        apiKey: 'env:OPENAI_API_KEY',
      };
    }
    if (nonEmpty(environment['ANTHROPIC_API_KEY']) && !('anthropic' in providers)) {
      providers['anthropic'] = {
        kind: 'anthropic',
        baseUrl: nonEmptyOr(environment['ANTHROPIC_BASE_URL'], 'https://api.anthropic.com'),
        apiKey: 'env:ANTHROPIC_API_KEY',
        version: '2023-06-01',
      };
    }
  }

  return { ...config, providers, models };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function nonEmptyOr(value: string | undefined, fallback: string): string {
  return nonEmpty(value) ? value : fallback;
}
