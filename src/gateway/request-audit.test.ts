import { describe, expect, it } from 'vitest';
import { GuardReport } from '../guards/report.ts';
import { RequestAudit } from './request-audit.ts';

const CANARY = 'rf-canary-abcdefghijklmnopqrst';

function audit(keep: boolean): RequestAudit {
  return new RequestAudit('req_test', 'openai', '/v1/chat/completions', {
    keep,
    maxBytes: 64 * 1024,
  });
}

describe('request audit guard fields', () => {
  it('carries input findings in the intent and output findings in the outcome', () => {
    const record = audit(false);
    const report = new GuardReport('default');
    const finding = {
      detector: 'secrets',
      rule: 'aws-access-key-id',
      type: 'aws_access_key',
      score: 1,
      view: 'original',
      reason: 'AWS access key id',
      span: { start: 3, end: 23 },
    };
    report.add([
      { finding, action: 'redact', surface: 'input', location: 'messages[0].content[0]' },
      { finding, action: 'redact', surface: 'output', location: 'output.content[0]' },
    ]);
    record.guards = report;
    const intent = record.intentRecord();
    const outcome = record.outcomeRecord('complete', performance.now());
    expect(intent.data['guards']).toEqual({
      profile: 'default',
      findings: [
        {
          detector: 'secrets',
          rule: 'aws-access-key-id',
          type: 'aws_access_key',
          surface: 'input',
          location: 'messages[0].content[0]',
          action: 'redact',
          score: 1,
          view: 'original',
        },
      ],
    });
    expect(outcome.data['guards']).toEqual({
      findings: [expect.objectContaining({ surface: 'output', location: 'output.content[0]' })],
    });
  });

  it('has no guards field when guards are off', () => {
    const record = audit(false);
    expect(record.intentRecord().data).not.toHaveProperty('guards');
    expect(record.outcomeRecord('complete', performance.now()).data).not.toHaveProperty('guards');
  });

  it('masks canaries out of kept request and response bodies', () => {
    const record = audit(true);
    record.canaries = [CANARY];
    record.recordRequestBody(Buffer.from(`{"messages":[{"content":"${CANARY}"}]}`));
    record.recordResponseChunk(`data: {"text":"${CANARY.slice(0, 12)}`);
    record.recordResponseChunk(`${CANARY.slice(12)}"}\n\n`);
    const text = JSON.stringify([
      record.intentRecord(),
      record.outcomeRecord('complete', performance.now()),
    ]);
    expect(text).not.toContain(CANARY);
    expect(text).toContain('[REDACTED:canary]');
  });
});
