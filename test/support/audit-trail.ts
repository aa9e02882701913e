/**
 * Reads what the gateway wrote to its audit log about one request, for
 * end-to-end tests. The outcome record is appended after the answer has been
 * sent (group commit, not awaited on the request path), so it is polled for.
 */
import type { AttemptRecord } from '../../src/routing/types.ts';
import type { AuditEntry, AuditQuery } from '../../src/store/types.ts';
import type { TestGateway } from './test-gateway.ts';

/**
 * Waits until the `request.outcome` record of a request is in the log: the
 * one with this request id, or the first matching a query (for a request
 * whose client never saw a response header, e.g. one aborted early).
 */
export async function waitForOutcome(
  gateway: TestGateway,
  request: string | AuditQuery,
  timeoutMs = 2_000,
): Promise<AuditEntry> {
  const query = typeof request === 'string' ? { requestId: request } : request;
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const [entry] = gateway.gateway.store.audit.query({ ...query, type: 'request.outcome' });
    if (entry !== undefined) return entry;
    if (Date.now() > giveUpAt) {
      throw new Error(`no outcome record for ${JSON.stringify(query)} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The attempts an outcome record lists, in order. */
export function attemptsOf(entry: AuditEntry): readonly AttemptRecord[] {
  const attempts = entry.data.attempts;
  if (!Array.isArray(attempts)) throw new Error('the outcome record has no attempts');
  return attempts as AttemptRecord[];
}

/**
 * One line per attempt, `target#attempt outcome reason [status] (detail)`,
 * so a test can state the whole routing story in one assertion.
 */
export function attemptLines(entry: AuditEntry): string[] {
  return attemptsOf(entry).map((attempt) => {
    const status = attempt.status === undefined ? '' : ` ${attempt.status}`;
    const detail = attempt.detail === undefined ? '' : ` (${attempt.detail})`;
    return `${attempt.target}#${attempt.attempt} ${attempt.outcome} ${attempt.reason}${status}${detail}`;
  });
}
