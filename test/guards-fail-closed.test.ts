/**
 * Guards fail closed: a detector that throws, or a guard pass over its time
 * budget, refuses the request with 503 guard_failed in the caller's dialect,
 * nothing is forwarded, and the audit log says why. Detectors are replaced
 * through the gateway's test seam (`guardDetectors`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detector } from '../src/guards/types.ts';
import { requestRecords } from './support/audit-records.ts';
import {
  allAuditText,
  anthropicClient,
  failure,
  guardsOf,
  openAiClient,
} from './support/guard-clients.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

/** Throws on texts containing BOOM, with the text in its message (which must not leak). */
const throwingInjection: Detector = {
  id: 'injection',
  detect(subject) {
    if (subject.text.includes('BOOM')) throw new Error(`cannot score: ${subject.text}`);
    return [];
  },
};

/** Burns 30 ms of CPU on texts containing SLOW: over the 10 ms budget (CPU time). */
const slowSecrets: Detector = {
  id: 'secrets',
  detect(subject) {
    if (subject.text.includes('SLOW')) {
      const started = process.cpuUsage();
      while (process.cpuUsage(started).user < 30_000) {
        // busy: detectors are synchronous
      }
    }
    return [];
  },
};

/** The other detectors find nothing, so only the budget and the two above decide. */
const quiet = (id: string): Detector => ({ id, detect: () => [] });

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway(
    { guards: { timeBudgetMs: 10 } },
    {},
    {
      guardDetectors: {
        injection: throwingInjection,
        secrets: slowSecrets,
        pii: quiet('pii'),
        canary: quiet('canary'),
        exfiltration: quiet('exfiltration'),
        'hidden-text': quiet('hidden-text'),
      },
    },
  );
});

afterAll(async () => {
  await gateway.close();
});

describe('guards fail closed', () => {
  it('refuses with 503 guard_failed when a detector throws (OpenAI), and audits why', async () => {
    const seen = await failure(() =>
      openAiClient(gateway, 'open-mode').chat.completions.create({
        model: 'sim/echo',
        messages: [{ role: 'user', content: 'BOOM secret-words-here' }],
      }),
    );
    expect(seen.status).toBe(503);
    expect(seen.code).toBe('guard_failed');
    expect(seen.message).toContain('injection');
    expect(seen.body).not.toContain('secret-words-here');

    const { intent, outcome } = await requestRecords(
      gateway.gateway.store.audit,
      seen.requestId ?? '',
    );
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.data['errorCode']).toBe('guard_failed');
    expect(outcome.data['attempts']).toEqual([]);
    expect(guardsOf(outcome)['failure']).toEqual({
      reason: 'detector_error',
      detector: 'injection',
      surface: 'input',
    });
    expect(guardsOf(intent)['profile']).toBe('default');
    expect(allAuditText(gateway)).not.toContain('secret-words-here');
  });

  it('refuses with 503 guard_failed when a detector throws (Anthropic)', async () => {
    const seen = await failure(() =>
      anthropicClient(gateway, 'open-mode').messages.create({
        model: 'sim/echo',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'BOOM' }],
      }),
    );
    expect(seen.status).toBe(503);
    expect(seen.code).toBe('guard_failed');
  });

  it('refuses with 503 guard_failed when the guards run over their time budget', async () => {
    const seen = await failure(() =>
      openAiClient(gateway, 'open-mode').chat.completions.create({
        model: 'sim/echo',
        messages: [{ role: 'user', content: 'SLOW please' }],
      }),
    );
    expect(seen.status).toBe(503);
    expect(seen.code).toBe('guard_failed');
    expect(seen.message).toContain('time budget');
    const { outcome } = await requestRecords(gateway.gateway.store.audit, seen.requestId ?? '');
    expect(guardsOf(outcome)['failure']).toEqual({
      reason: 'time_budget',
      detector: 'secrets',
      surface: 'input',
    });
  });

  it('serves requests the detectors pass', async () => {
    const completion = await openAiClient(gateway, 'open-mode').chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'all fine' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: all fine');
  });
});
