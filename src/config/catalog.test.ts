import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog.ts';
import { validateConfig, type Environment } from './load.ts';
import type { ConfigInput } from './schema.ts';
import { Secret } from './secret.ts';

const ENVIRONMENT: Environment = { EU_KEY: 'sk-eu-secret', US_KEY: 'sk-us-secret' };

function catalogOf(input: ConfigInput, environment: Environment = ENVIRONMENT) {
  return buildCatalog(validateConfig(input, environment), environment);
}

const PROVIDERS: ConfigInput['providers'] = {
  eu: {
    kind: 'openai',
    baseUrl: 'https://eu.example.com/v1/',
    apiKey: 'env:EU_KEY',
    regions: { allow: ['eu'], deny: ['ru'] },
  },
  us: {
    kind: 'anthropic',
    baseUrl: 'https://us.example.com',
    apiKey: 'env:US_KEY',
    regions: { deny: ['cn'] },
  },
};

describe('aliases', () => {
  const catalog = catalogOf({
    routing: { attemptTimeoutMs: 30_000 },
    providers: PROVIDERS,
    models: {
      chat: {
        targets: [
          { provider: 'eu', model: 'gpt-4o' },
          { provider: 'us', model: 'claude-haiku-5-5', timeoutMs: 5_000, defaultMaxTokens: 512 },
        ],
      },
    },
  });

  it('resolves targets in fallback order, identified as provider/model', () => {
    expect(catalog.aliases.get('chat')?.map((target) => target.id)).toEqual([
      'eu/gpt-4o',
      'us/claude-haiku-5-5',
    ]);
  });

  it('fills per-target defaults from routing and lets a target override them', () => {
    const [first, second] = catalog.aliases.get('chat') ?? [];
    expect(first).toMatchObject({ timeoutMs: 30_000, defaultMaxTokens: 4096 });
    expect(second).toMatchObject({ timeoutMs: 5_000, defaultMaxTokens: 512 });
  });

  it('keeps the sim aliases beside configured ones', () => {
    expect(catalog.aliases.get('sim/echo')?.[0]?.provider.kind).toBe('sim');
  });
});

describe('region rules', () => {
  it('merges provider and target rules: the target allow list wins, deny lists add up', () => {
    const catalog = catalogOf({
      providers: PROVIDERS,
      models: {
        inherit: { targets: [{ provider: 'eu', model: 'm' }] },
        narrowed: {
          targets: [{ provider: 'eu', model: 'm', regions: { allow: ['eu', 'uk'], deny: ['by'] } }],
        },
        denyOnly: { targets: [{ provider: 'us', model: 'm', regions: { deny: ['ir'] } }] },
      },
    });
    expect(catalog.aliases.get('inherit')?.[0]?.regions).toEqual({
      allow: ['eu'],
      deny: ['ru'],
    });
    expect(catalog.aliases.get('narrowed')?.[0]?.regions).toEqual({
      allow: ['eu', 'uk'],
      deny: ['ru', 'by'],
    });
    expect(catalog.aliases.get('denyOnly')?.[0]?.regions).toEqual({ deny: ['cn', 'ir'] });
  });

  it('has no rules when neither provider nor target sets any', () => {
    const catalog = catalogOf({});
    expect(catalog.aliases.get('sim/echo')?.[0]?.regions).toEqual({});
  });
});

describe('providers', () => {
  const catalog = catalogOf({ providers: PROVIDERS });

  it('resolves env: keys into secrets that print as [secret] everywhere', () => {
    const provider = catalog.providers.get('eu');
    expect(provider?.apiKey).toBeInstanceOf(Secret);
    expect(provider?.apiKey?.reveal()).toBe('sk-eu-secret');
    expect(provider?.apiKey?.reference).toBe('env:EU_KEY');
    const renderings = [
      JSON.stringify(provider),
      inspect(provider, { depth: 5 }),
      String(provider?.apiKey),
    ];
    for (const text of renderings) expect(text).not.toContain('sk-eu-secret');
  });

  it('drops a trailing slash from base URLs and applies kind defaults', () => {
    expect(catalog.providers.get('eu')).toMatchObject({
      baseUrl: 'https://eu.example.com/v1',
      connections: 128,
    });
    expect(catalog.providers.get('us')).toMatchObject({
      kind: 'anthropic',
      apiVersion: '2023-06-01',
    });
  });

  it('freezes what it builds', () => {
    expect(Object.isFrozen(catalog.providers.get('eu'))).toBe(true);
    expect(Object.isFrozen(catalog.aliases.get('sim/echo'))).toBe(true);
  });
});

describe('direct provider/model references', () => {
  const catalog = catalogOf({ providers: PROVIDERS });

  it('makes a single target for a configured provider, with the provider regions', () => {
    const target = catalog.directTarget('eu/gpt-4o-mini');
    expect(target).toMatchObject({
      id: 'eu/gpt-4o-mini',
      model: 'gpt-4o-mini',
      regions: { allow: ['eu'], deny: ['ru'] },
    });
    expect(target?.provider.name).toBe('eu');
  });

  it('keeps slashes after the provider as part of the model name', () => {
    expect(catalog.directTarget('eu/org/model-7b')?.model).toBe('org/model-7b');
  });

  it('makes none for an unknown provider or a malformed reference', () => {
    for (const reference of ['nowhere/gpt-4o', 'gpt-4o', '/gpt-4o', 'eu/', '']) {
      expect(catalog.directTarget(reference), reference).toBeUndefined();
    }
  });

  it('returns the same target for the same reference', () => {
    expect(catalog.directTarget('us/claude-haiku-5-5')).toBe(
      catalog.directTarget('us/claude-haiku-5-5'),
    );
  });
});
