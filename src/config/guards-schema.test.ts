import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig, type ConfigProblem } from './load.ts';

function problemsOf(guards: unknown, environment: Record<string, string> = {}): string[] {
  try {
    validateConfig({ guards }, environment);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((problem: ConfigProblem) => `${problem.path}: ${problem.message}`);
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('guards configuration', () => {
  it('defaults to enabled guards with the shipped default profile and a 50 ms budget', () => {
    const { guards } = validateConfig({}, {});
    expect(guards.enabled).toBe(true);
    expect(guards.timeBudgetMs).toBe(50);
    expect(guards.plantCanary).toBe(false);
    expect(guards.canaries).toEqual([]);
    expect(guards.select).toEqual([]);
  });

  it('accepts an action or an action with per-rule overrides', () => {
    const { guards } = validateConfig(
      {
        guards: {
          profiles: {
            agents: {
              input: { secrets: { action: 'redact', rules: { jwt: 'flag' } }, injection: 'block' },
              output: { canary: 'block' },
            },
          },
          select: [{ keys: ['ci-*'], models: ['gpt-*'], profile: 'agents' }],
        },
      },
      {},
    );
    expect(guards.profiles['agents']?.input.secrets).toEqual({
      action: 'redact',
      rules: { jwt: 'flag' },
    });
    expect(guards.profiles['agents']?.tool_output).toEqual({});
  });

  it('rejects an unknown detector id, naming its path', () => {
    expect(problemsOf({ profiles: { p: { input: { injecton: 'block' } } } })).toEqual([
      expect.stringMatching(/^guards\.profiles\.p\.input\.injecton: unknown key/),
    ]);
  });

  it('rejects a bad action, naming its path and the valid actions', () => {
    expect(problemsOf({ profiles: { p: { output: { pii: 'blok' } } } })).toEqual([
      'guards.profiles.p.output.pii: must be one of block, redact, flag, log',
    ]);
    expect(
      problemsOf({
        profiles: { p: { output: { pii: { action: 'redact', rules: { card: 'x' } } } } },
      }),
    ).toEqual(['guards.profiles.p.output.pii.rules.card: must be one of block, redact, flag, log']);
  });

  it('rejects a select entry naming an unknown profile', () => {
    expect(problemsOf({ select: [{ keys: ['ci-*'], profile: 'strcit' }] })).toEqual([
      expect.stringMatching(
        /^guards\.select\[0\]\.profile: unknown guard profile "strcit" \(defined: .*strict/,
      ),
    ]);
  });

  it('accepts shipped profile names in select without defining them', () => {
    expect(() =>
      validateConfig({ guards: { select: [{ models: ['sim/*'], profile: 'strict' }] } }, {}),
    ).not.toThrow();
  });

  it('requires env: canaries to be set and literal canaries to be long enough', () => {
    expect(problemsOf({ canaries: ['env:MY_CANARY', 'short'] })).toEqual([
      expect.stringMatching(/^guards\.canaries\[1\]: must be env:NAME or a literal of at least 8/),
    ]);
    expect(problemsOf({ canaries: ['env:MY_CANARY'] })).toEqual([
      'guards.canaries[0]: environment variable MY_CANARY is not set',
    ]);
    expect(problemsOf({ canaries: ['env:MY_CANARY'] }, { MY_CANARY: 'abc' })).toEqual([
      'guards.canaries[0]: environment variable MY_CANARY must hold at least 8 characters',
    ]);
    expect(() =>
      validateConfig({ guards: { canaries: ['env:MY_CANARY'] } }, { MY_CANARY: 'c4n4ry-value' }),
    ).not.toThrow();
  });

  it('rejects out-of-range injection thresholds and unknown detector options', () => {
    expect(
      problemsOf({ detectors: { injection: { thresholds: { input: 1.5 } }, canary: {} } }),
    ).toEqual([
      expect.stringMatching(/^guards\.detectors\.injection\.thresholds\.input: /),
      expect.stringMatching(/^guards\.detectors\.canary: unknown key/),
    ]);
  });
});
