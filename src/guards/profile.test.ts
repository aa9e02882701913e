import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/load.ts';
import type { ConfigInput } from '../config/schema.ts';
import { actionFor, compileProfiles, compileSelector, detectorsInUse } from './profile.ts';

function guardsOf(guards: ConfigInput['guards']) {
  return validateConfig({ guards }, {}).guards;
}

describe('guard profiles', () => {
  it('ships default, strict and monitor; default blocks input injection and flags it in tool output', () => {
    const profiles = compileProfiles(guardsOf({}));
    expect([...profiles.keys()].sort()).toEqual(['default', 'monitor', 'strict']);
    const standard = profiles.get('default');
    if (standard === undefined) throw new Error('no default profile');
    expect(actionFor(standard, 'input', 'injection', { rule: 'model' })).toBe('block');
    expect(actionFor(standard, 'tool_output', 'injection', { rule: 'model' })).toBe('flag');
    expect(actionFor(standard, 'output', 'secrets', { rule: 'aws-access-key' })).toBe('redact');
    expect(actionFor(standard, 'output', 'canary', { rule: 'planted' })).toBe('block');
    expect(actionFor(standard, 'tool_output', 'pii', { rule: 'email' })).toBeUndefined();
  });

  it('default removes invisible text from answers but only flags words that mix scripts', () => {
    const standard = compileProfiles(guardsOf({})).get('default');
    if (standard === undefined) throw new Error('no default profile');
    expect(actionFor(standard, 'output', 'hidden-text', { rule: 'tag-characters' })).toBe('redact');
    expect(actionFor(standard, 'output', 'hidden-text', { rule: 'zero-width-run' })).toBe('redact');
    expect(actionFor(standard, 'output', 'hidden-text', { rule: 'confusables-mixed-script' })).toBe(
      'flag',
    );
  });

  it('applies per-rule overrides before the detector action', () => {
    const profiles = compileProfiles(
      guardsOf({
        profiles: { p: { output: { secrets: { action: 'redact', rules: { jwt: 'flag' } } } } },
      }),
    );
    const profile = profiles.get('p');
    if (profile === undefined) throw new Error('no profile p');
    expect(actionFor(profile, 'output', 'secrets', { rule: 'jwt' })).toBe('flag');
    expect(actionFor(profile, 'output', 'secrets', { rule: 'openai-api-key' })).toBe('redact');
  });

  it('lets a configured profile replace the shipped one of the same name as a whole', () => {
    const profiles = compileProfiles(
      guardsOf({ profiles: { default: { input: { pii: 'log' } } } }),
    );
    const standard = profiles.get('default');
    if (standard === undefined) throw new Error('no default profile');
    expect([...standard.surfaces.input.keys()]).toEqual(['pii']);
    expect(standard.surfaces.output.size).toBe(0);
  });

  it('lists the detectors some profile uses', () => {
    const used = detectorsInUse(
      compileProfiles(
        guardsOf({
          profiles: {
            default: { input: { injection: 'block' } },
            strict: { output: { canary: 'block' } },
            monitor: {},
          },
        }),
      ),
    );
    expect([...used].sort()).toEqual(['canary', 'injection']);
  });
});

describe('profile selection', () => {
  const guards = guardsOf({
    profiles: { ci: { input: { injection: 'log' } } },
    select: [
      { keys: ['ci-*'], models: ['gpt-*'], profile: 'ci' },
      { keys: ['agent-*'], profile: 'strict' },
      { models: ['sim/*'], profile: 'monitor' },
    ],
  });
  const selector = compileSelector(guards, compileProfiles(guards));

  it('picks the first entry matching both the key name and the alias', () => {
    expect(selector.select('ci-nightly', 'gpt-4o').name).toBe('ci');
    expect(selector.select('ci-nightly', 'sim/echo').name).toBe('monitor');
  });

  it('matches a key-only or model-only entry on that one field', () => {
    expect(selector.select('agent-mail', 'gpt-4o').name).toBe('strict');
    expect(selector.select('billing', 'sim/echo').name).toBe('monitor');
  });

  it('falls back to default when nothing matches', () => {
    expect(selector.select('billing', 'chat').name).toBe('default');
  });
});
