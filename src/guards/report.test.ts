import { describe, expect, it } from 'vitest';
import { GuardReport, MAX_FLAGS_HEADER_LENGTH } from './report.ts';
import type { DecidedFinding, GuardAction, Surface } from './types.ts';

function decided(
  detector: string,
  rule: string,
  surface: Surface,
  action: GuardAction,
  location = 'messages[0].content[0]',
): DecidedFinding {
  return {
    finding: {
      detector,
      rule,
      type: rule,
      score: 0.98765,
      view: 'normalized',
      reason: 'r',
      span: { start: 0, end: 4 },
    },
    action,
    surface,
    location,
  };
}

describe('guard report', () => {
  it('lists flagged findings once each in the header', () => {
    const report = new GuardReport('default');
    report.add([
      decided('injection', 'model', 'tool_output', 'flag'),
      decided('injection', 'model', 'tool_output', 'flag', 'messages[5].content[0]'),
      decided('pii', 'email', 'output', 'flag'),
      decided('secrets', 'jwt', 'input', 'redact'),
    ]);
    expect(report.flagsHeader()).toBe('injection/model@tool_output, pii/email@output');
  });

  it('has no header when nothing was flagged', () => {
    const report = new GuardReport('default');
    report.add([decided('secrets', 'jwt', 'input', 'redact')]);
    expect(report.flagsHeader()).toBeUndefined();
  });

  it('bounds the header length and says how many were left out', () => {
    const report = new GuardReport('default');
    report.add(
      Array.from({ length: 100 }, (_, index) => decided('pii', `rule-${index}`, 'output', 'flag')),
    );
    const header = report.flagsHeader() ?? '';
    expect(header.length).toBeLessThanOrEqual(MAX_FLAGS_HEADER_LENGTH);
    expect(header).toMatch(/, \+\d+$/);
  });

  it('gives taint labels per kind and surface, skipping log-only findings', () => {
    const report = new GuardReport('default');
    report.add([
      decided('injection', 'model', 'tool_output', 'flag'),
      decided('secrets', 'aws-access-key', 'input', 'redact'),
      decided('pii', 'email', 'input', 'log'),
      decided('canary', 'planted', 'output', 'block'),
    ]);
    expect(report.labels()).toEqual(['canary:output', 'injection:tool_output', 'secret:input']);
  });

  it('records input findings in the intent and output findings in the outcome, without text', () => {
    const report = new GuardReport('strict');
    report.canaryPlanted = true;
    report.add([
      decided('secrets', 'aws-access-key', 'input', 'redact'),
      decided('secrets', 'aws-access-key', 'output', 'redact', 'output.content[0]'),
    ]);
    report.failure = { reason: 'detector_error', detector: 'pii', surface: 'output' };
    expect(report.intentData()).toEqual({
      profile: 'strict',
      canaryPlanted: true,
      findings: [
        {
          detector: 'secrets',
          rule: 'aws-access-key',
          type: 'aws-access-key',
          surface: 'input',
          location: 'messages[0].content[0]',
          action: 'redact',
          score: 0.988,
          view: 'normalized',
        },
      ],
    });
    expect(report.outcomeData()).toMatchObject({
      findings: [{ surface: 'output', location: 'output.content[0]' }],
      failure: { reason: 'detector_error', detector: 'pii', surface: 'output' },
    });
  });
});
