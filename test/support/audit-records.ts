/**
 * Reading a running gateway's audit log from tests. The outcome record is
 * appended after the response has been sent, so readers wait for it.
 */
import type { AuditEntry, AuditLog } from '../../src/store/types.ts';

/** Polls `probe` (every 10 ms) until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RequestRecords {
  readonly intent: AuditEntry;
  readonly outcome: AuditEntry;
}

/** The intent and outcome records of one request, once both are committed. */
export function requestRecords(audit: AuditLog, requestId: string): Promise<RequestRecords> {
  return waitFor(() => {
    const entries = audit.query({ requestId, limit: 10 });
    const intent = entries.find((entry) => entry.type === 'request.intent');
    const outcome = entries.find((entry) => entry.type === 'request.outcome');
    return intent === undefined || outcome === undefined ? undefined : { intent, outcome };
  }, `the audit records of ${requestId}`);
}

/** The request id the gateway sent back, which is also the audit log's. */
export function requestIdOf(headers: Headers): string {
  const id = headers.get('x-request-id');
  if (id === null) throw new Error('the response has no x-request-id');
  return id;
}
