import { describe, expect, it } from 'vitest';
import { SIM_ALIASES } from './defaults.ts';
import { ConfigError, validateConfig } from './load.ts';

describe('defaults of an empty configuration', () => {
  const config = validateConfig({}, {});

  it('serves the sim models, and nothing else, with no file and no keys', () => {
    expect(Object.keys(config.providers)).toEqual(['sim']);
    expect(Object.keys(config.models).sort()).toEqual([...SIM_ALIASES].sort());
    expect(config.models['sim/echo']?.targets).toEqual([{ provider: 'sim', model: 'echo' }]);
  });

  it('listens on loopback only, with bounded requests', () => {
    expect(config.server).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      workers: 'auto',
      bodyLimitBytes: 4 * 1024 * 1024,
      maxJsonDepth: 64,
      maxMessages: 2_000,
      maxTools: 256,
      allowUnauthenticated: 'auto',
    });
    expect(config.server.adminToken).toBeUndefined();
  });

  it('keeps data in ./.ringfence and request bodies out of the audit log', () => {
    expect(config.dataDir).toBe('./.ringfence');
    expect(config.store).toMatchObject({ kind: 'sqlite', synchronous: 'normal' });
    expect(config.audit.bodies).toBe('none');
    expect(config.routing.allowDirectModels).toBe(false);
  });

  it('adds no sim models when builtins.simModels is off', () => {
    const plain = validateConfig({ builtins: { simModels: false } }, {});
    expect(plain.providers).toEqual({});
    expect(plain.models).toEqual({});
  });
});

describe('providers from the environment', () => {
  it('adds openai from OPENAI_API_KEY, referencing the variable rather than copying it', () => {
    const config = validateConfig({}, { OPENAI_API_KEY: 'sk-env' });
    expect(config.providers['openai']).toEqual({
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'env:OPENAI_API_KEY',
    });
    expect(JSON.stringify(config)).not.toContain('sk-env');
  });

  it('sends openai to OPENAI_BASE_URL when it is set', () => {
    const config = validateConfig(
      {},
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' },
    );
    expect(config.providers['openai']).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1' });
  });

  it('treats an empty OPENAI_BASE_URL as unset', () => {
    const config = validateConfig({}, { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: '' });
    expect(config.providers['openai']).toMatchObject({ baseUrl: 'https://api.openai.com/v1' });
  });

  it('refuses an OPENAI_BASE_URL that is not an http(s) URL, saying it came from the environment', () => {
    try {
      validateConfig({}, { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'localhost:11434/v1' });
      expect.unreachable('the base URL has no scheme');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        {
          path: 'providers.openai.baseUrl',
          message: 'must be an http:// or https:// URL (set from the environment)',
        },
      ]);
    }
  });

  it('adds anthropic from ANTHROPIC_API_KEY with ANTHROPIC_BASE_URL and the API version', () => {
    const config = validateConfig(
      {},
      { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9000' },
    );
    expect(config.providers['anthropic']).toEqual({
      kind: 'anthropic',
      baseUrl: 'http://127.0.0.1:9000',
      apiKey: 'env:ANTHROPIC_API_KEY',
      version: '2023-06-01',
    });
  });

  it('adds nothing for an empty key, or when builtins.envProviders is off', () => {
    expect(validateConfig({}, { OPENAI_API_KEY: '' }).providers).not.toHaveProperty('openai');
    const off = validateConfig(
      { builtins: { envProviders: false } },
      { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' },
    );
    expect(Object.keys(off.providers)).toEqual(['sim']);
  });

  it('never replaces a provider or alias the file defines', () => {
    const config = validateConfig(
      {
        providers: {
          openai: { kind: 'openai', baseUrl: 'http://proxy.internal/v1', apiKey: 'env:PROXY_KEY' },
        },
        models: { 'sim/echo': { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] } },
      },
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://ignored/v1', PROXY_KEY: 'p' },
    );
    expect(config.providers['openai']).toMatchObject({
      baseUrl: 'http://proxy.internal/v1',
      apiKey: 'env:PROXY_KEY',
    });
    expect(config.models['sim/echo']?.targets).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini' },
    ]);
    // The other sim aliases are still added.
    expect(config.models['sim/obedient']?.targets[0]?.provider).toBe('sim');
  });
});
