import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/load.ts';
import type { ConfigInput } from '../config/schema.ts';
import { GatewayError } from '../errors.ts';
import { createGuardPipeline, GuardFailure } from './pipeline.ts';
import type { Detector, Finding, Subject } from './types.ts';

/** Reports one finding per occurrence of `word`, with its span. */
function wordDetector(id: string, word: string, rule = 'word'): Detector {
  return {
    id,
    detect(subject: Subject): Finding[] {
      const findings: Finding[] = [];
      let at = subject.text.indexOf(word);
      while (at !== -1) {
        findings.push({
          detector: id,
          rule,
          type: id,
          score: 0.91234,
          view: 'original',
          reason: `found ${id}`,
          span: { start: at, end: at + word.length },
        });
        at = subject.text.indexOf(word, at + 1);
      }
      return findings;
    },
  };
}

function pipelineOf(
  guards: ConfigInput['guards'],
  detectors: readonly Detector[],
  now?: () => number,
) {
  const built: string[][] = [];
  const pipeline = createGuardPipeline(validateConfig({ guards }, {}).guards, {
    canaries: ['static-canary-1'],
    detectors: (used) => {
      built.push([...used].sort());
      // Detectors the test does not care about find nothing.
      return new Map([...used].map((id) => [id, detectors.find((d) => d.id === id) ?? quiet(id)]));
    },
    ...(now === undefined ? {} : { now }),
  });
  return { pipeline, built };
}

const quiet = (id: string): Detector => ({ id, detect: () => [] });

const subject = (surface: Subject['surface'], text: string): Subject => ({
  surface,
  text,
  location: `test.${surface}`,
  canaries: [],
});

describe('guard pipeline', () => {
  const guards = {
    profiles: {
      default: {
        input: {
          injection: 'block' as const,
          secrets: { action: 'redact' as const, rules: { jwt: 'flag' as const } },
        },
        tool_output: { injection: 'flag' as const },
      },
    },
  };

  it('runs only the detectors the profile enables on the subject surface, with their actions', () => {
    const { pipeline } = pipelineOf(guards, [
      wordDetector('injection', 'IGNORE'),
      wordDetector('secrets', 'SECRET'),
    ]);
    const inspector = pipeline.forRequest(pipeline.profileFor('any', 'sim/echo'));
    const decided = inspector.pass([
      subject('input', 'IGNORE SECRET'),
      subject('tool_output', 'IGNORE SECRET'),
    ]);
    expect(decided.map((d) => [d.finding.detector, d.surface, d.action, d.location])).toEqual([
      ['injection', 'input', 'block', 'test.input'],
      ['secrets', 'input', 'redact', 'test.input'],
      ['injection', 'tool_output', 'flag', 'test.tool_output'],
    ]);
  });

  it('applies per-rule overrides', () => {
    const { pipeline } = pipelineOf(guards, [wordDetector('secrets', 'eyJ', 'jwt')]);
    const inspector = pipeline.forRequest(pipeline.profileFor('any', 'm'));
    expect(inspector.pass([subject('input', 'eyJ')]).map((d) => d.action)).toEqual(['flag']);
  });

  it('builds only the detectors some profile uses, and none when guards are off', () => {
    expect(
      pipelineOf(
        { profiles: { default: { output: { canary: 'block' } }, strict: {}, monitor: {} } },
        [],
      ).built,
    ).toEqual([['canary']]);
    const off = pipelineOf({ enabled: false }, []);
    expect(off.built).toEqual([]);
    expect(off.pipeline.enabled).toBe(false);
  });

  it('refuses to build when a profile names a detector that is not available', () => {
    expect(() =>
      createGuardPipeline(validateConfig({}, {}).guards, {
        canaries: [],
        detectors: () => new Map(),
      }),
    ).toThrow(/guard detector .* is not available/);
  });

  it('puts the configured and planted canaries on the inspector', () => {
    const { pipeline } = pipelineOf({}, []);
    const profile = pipeline.profileFor('k', 'm');
    expect(pipeline.forRequest(profile).canaries).toEqual(['static-canary-1']);
    expect(pipeline.forRequest(profile, 'planted-token-1').canaries).toEqual([
      'static-canary-1',
      'planted-token-1',
    ]);
  });

  it('fails closed when a detector throws: guard_failed naming the detector, never its error text', () => {
    const throwing: Detector = {
      id: 'injection',
      detect() {
        throw new Error('choked on sk-secret-text');
      },
    };
    const { pipeline } = pipelineOf(guards, [throwing]);
    const inspector = pipeline.forRequest(pipeline.profileFor('k', 'm'));
    let caught: unknown;
    try {
      inspector.pass([subject('input', 'hello')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    const error = caught as GatewayError;
    expect(error.code).toBe('guard_failed');
    expect(error.status).toBe(503);
    expect(error.message).toContain('injection');
    expect(error.message).not.toContain('sk-secret');
    expect(error.cause).toBeInstanceOf(GuardFailure);
    expect((error.cause as GuardFailure).reason).toBe('detector_error');
  });

  it('fails closed when a pass runs over its time budget', () => {
    let clock = 0;
    const slow: Detector = {
      id: 'injection',
      detect() {
        clock += 30;
        return [];
      },
    };
    const { pipeline } = pipelineOf({ ...guards, timeBudgetMs: 50 }, [slow], () => clock);
    clock = 0; // after the build's warm-up calls
    const inspector = pipeline.forRequest(pipeline.profileFor('k', 'm'));
    expect(() => inspector.pass([subject('input', 'one')])).not.toThrow();
    let caught: unknown;
    try {
      inspector.pass([subject('input', 'one'), subject('input', 'two'), subject('input', 'three')]);
    } catch (error) {
      caught = error;
    }
    expect((caught as GatewayError).code).toBe('guard_failed');
    expect(((caught as GatewayError).cause as GuardFailure).reason).toBe('time_budget');
    // Stopped at the first detector call past the budget: 2 of 3 subjects.
    expect(clock).toBe(30 + 60);
  });
});
