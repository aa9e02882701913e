import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  parseConfigText,
  resolveConfigPath,
  validateConfig,
  type ConfigProblem,
  type Environment,
} from './load.ts';

/** The problems `attempt` throws, or a failure if it does not throw a ConfigError. */
function problemsOf(attempt: () => unknown): readonly ConfigProblem[] {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function paths(problems: readonly ConfigProblem[]): string[] {
  return problems.map((problem) => problem.path);
}

const directory = mkdtempSync(path.join(tmpdir(), 'ringfence-config-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('strict schema', () => {
  it('rejects unknown keys at every level, naming where they are', () => {
    const problems = problemsOf(() =>
      validateConfig(
        {
          servr: {},
          server: { prot: 8080 },
          providers: { local: { kind: 'openai', api_key: 'env:KEY' } },
          models: { chat: { targets: [{ provider: 'local', model: 'm', timeout: 5 }] } },
        },
        {},
      ),
    );
    const found = problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^servr: unknown key/),
        expect.stringMatching(/^server\.prot: unknown key/),
        expect.stringMatching(/^providers\.local\.api_key: unknown key/),
        expect.stringMatching(/^models\.chat\.targets\[0\]\.timeout: unknown key/),
      ]),
    );
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsOf(() =>
      validateConfig(
        {
          server: { port: 'eighty', workers: 0, allowUnauthenticated: 'sometimes' },
          audit: { bodies: 'everything' },
          routing: { attemptTimeoutMs: -1 },
        },
        {},
      ),
    );
    expect(paths(problems)).toEqual(
      expect.arrayContaining([
        'server.port',
        'server.workers',
        'server.allowUnauthenticated',
        'audit.bodies',
        'routing.attemptTimeoutMs',
      ]),
    );
  });

  it('accepts secrets only by env: reference, without repeating an inline value', () => {
    const inline = 'sk-live-pasted-into-the-file-0123456789';
    let message = '';
    const problems = problemsOf(() => {
      try {
        return validateConfig({ providers: { openai: { kind: 'openai', apiKey: inline } } }, {});
      } catch (error) {
        message = (error as Error).message;
        throw error;
      }
    });
    expect(problems).toEqual([
      { path: 'providers.openai.apiKey', message: 'must be a reference of the form env:NAME' },
    ]);
    expect(message).not.toContain(inline);
  });

  it('accepts only http(s) base URLs, catching a missing scheme', () => {
    for (const baseUrl of ['localhost:11434/v1', 'ftp://models.internal/v1', 'not a url']) {
      const problems = problemsOf(() =>
        validateConfig({ providers: { local: { kind: 'openai', baseUrl } } }, {}),
      );
      expect(paths(problems)).toEqual(['providers.local.baseUrl']);
    }
    const config = validateConfig(
      { providers: { local: { kind: 'openai', baseUrl: 'http://127.0.0.1:11434/v1' } } },
      {},
    );
    expect(config.providers['local']).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1' });
  });

  it('rejects a target naming a provider that is not defined', () => {
    const problems = problemsOf(() =>
      validateConfig({ models: { chat: { targets: [{ provider: 'nowhere', model: 'm' }] } } }, {}),
    );
    expect(paths(problems)).toEqual(['models.chat.targets[0].provider']);
    expect(problems[0]?.message).toContain('unknown provider "nowhere"');
  });

  it('freezes the loaded configuration all the way down', () => {
    const config = validateConfig(
      { models: { chat: { targets: [{ provider: 'sim', model: 'echo' }] } } },
      {},
    );
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.models['chat']?.targets[0])).toBe(true);
  });
});

describe('env: secrets', () => {
  const config = {
    server: { adminToken: 'env:RF_ADMIN' },
    providers: {
      openai: { kind: 'openai', apiKey: 'env:RF_OPENAI' },
      claude: { kind: 'anthropic', apiKey: 'env:RF_CLAUDE' },
    },
  } as const;

  it('names every missing variable with the setting that needs it', () => {
    const problems = problemsOf(() => validateConfig(config, { RF_CLAUDE: 'present' }));
    expect(problems).toEqual([
      { path: 'providers.openai.apiKey', message: 'environment variable RF_OPENAI is not set' },
      { path: 'server.adminToken', message: 'environment variable RF_ADMIN is not set' },
    ]);
  });

  it('treats an empty variable as missing', () => {
    const environment: Environment = { RF_ADMIN: '', RF_OPENAI: 'x', RF_CLAUDE: 'y' };
    expect(paths(problemsOf(() => validateConfig(config, environment)))).toEqual([
      'server.adminToken',
    ]);
  });

  it('never puts a secret value in an error, even when other settings fail', () => {
    const environment: Environment = {
      RF_OPENAI: 'sk-value-that-must-not-show',
      RF_CLAUDE: 'also-secret',
    };
    try {
      validateConfig(
        { ...config, models: { x: { targets: [{ provider: 'gone', model: 'm' }] } } },
        environment,
      );
      expect.unreachable('the configuration is invalid');
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify(error)}`;
      expect(text).toContain('RF_ADMIN');
      expect(text).not.toContain('sk-value-that-must-not-show');
      expect(text).not.toContain('also-secret');
    }
  });

  it('keeps the reference, not the value, in the loaded configuration', () => {
    const loaded = validateConfig(config, { RF_ADMIN: 'a', RF_OPENAI: 'b', RF_CLAUDE: 'c' });
    expect(loaded.server.adminToken).toBe('env:RF_ADMIN');
    expect(JSON.stringify(loaded)).not.toMatch(/"(a|b|c)"/);
  });
});

describe('YAML text', () => {
  it('parses YAML into the same configuration as the object form', () => {
    const config = parseConfigText(
      'server:\n  port: 9999\nmodels:\n  chat:\n    targets:\n      - { provider: sim, model: echo }\n',
      {},
    );
    expect(config.server.port).toBe(9999);
    expect(config.models['chat']?.targets[0]).toEqual({ provider: 'sim', model: 'echo' });
  });

  it('reports a syntax error by line without quoting the text', () => {
    const problems = problemsOf(() =>
      parseConfigText('server:\n  port: 1\n  adminToken: "unterminated\n', {}),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('(file)');
    expect(problems[0]?.message).toMatch(/^YAML syntax error at line \d+/);
    expect(problems[0]?.message).not.toContain('unterminated');
  });

  it('rejects a key given twice instead of silently keeping one', () => {
    const problems = problemsOf(() => parseConfigText('server:\n  port: 1\n  port: 2\n', {}));
    expect(problems[0]?.message).toMatch(/YAML syntax error/);
  });

  it('treats an empty file as the built-in defaults', () => {
    expect(parseConfigText('', {}).server.port).toBe(8787);
  });
});

describe('finding the file', () => {
  const exists = (file: string): boolean => file === path.resolve('ringfence.yaml');

  it('prefers --config, then RINGFENCE_CONFIG, then ./ringfence.yaml when it exists', () => {
    expect(resolveConfigPath('a.yaml', { RINGFENCE_CONFIG: 'b.yaml' }, exists)).toBe(
      path.resolve('a.yaml'),
    );
    expect(resolveConfigPath(undefined, { RINGFENCE_CONFIG: 'b.yaml' }, exists)).toBe(
      path.resolve('b.yaml'),
    );
    expect(resolveConfigPath(undefined, { RINGFENCE_CONFIG: '' }, exists)).toBe(
      path.resolve('ringfence.yaml'),
    );
    expect(resolveConfigPath(undefined, {}, () => false)).toBeUndefined();
  });

  it('loads a named file and reports which one', () => {
    const file = path.join(directory, 'gateway.yaml');
    writeFileSync(file, 'server:\n  port: 7000\n');
    const loaded = loadConfig({ file, environment: {} });
    expect(loaded.file).toBe(file);
    expect(loaded.config.server.port).toBe(7000);
  });

  it('reports a named file that cannot be read, with the reason and the file', () => {
    const file = path.join(directory, 'missing.yaml');
    try {
      loadConfig({ file, environment: {} });
      expect.unreachable('the file does not exist');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).file).toBe(file);
      expect((error as ConfigError).problems).toEqual([
        { path: '(file)', message: 'cannot be read (ENOENT)' },
      ]);
    }
  });

  it('refuses a file over 4 MiB before parsing it', () => {
    const problems = problemsOf(() => parseConfigText(`# ${'x'.repeat(4 * 1024 * 1024)}\n`, {}));
    expect(problems).toEqual([{ path: '(file)', message: 'is larger than 4 MiB' }]);
  });
});
