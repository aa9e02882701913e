/**
 * The guard steps of the request path (docs/guards.md):
 *
 * - {@link guardRequest}, between parsing and admission: picks the profile,
 *   inspects every turn of the conversation, refuses (`guard_blocked`) or
 *   rewrites redacted texts, and plants the canary;
 * - {@link guardAnswer}, before a complete answer is encoded;
 * - {@link streamGuardOptions}, for the stream guard, window by window.
 *
 * Every pass is timed and counted; its findings go on the request's
 * {@link GuardReport} (audit records, flags header, containment taint).
 */
import type { ChatCall, ChatResult } from '../chat/types.ts';
import { GatewayError } from '../errors.ts';
import { newCanaryToken } from '../guards/detectors/canary/index.ts';
import { GuardFailure, type RequestInspector } from '../guards/pipeline.ts';
import { plantCanary } from '../guards/plant-canary.ts';
import { GuardReport } from '../guards/report.ts';
import {
  inputSubjects,
  outputSubjects,
  redactCall,
  redactResult,
  type LocatedSubject,
  type Redaction,
} from '../guards/subjects.ts';
import type { StreamGuardOptions } from '../guards/stream/index.ts';
import type { DecidedFinding, Subject } from '../guards/types.ts';
import type { GatewayContext, GuardPassKind } from './context.ts';
import type { RequestAudit } from './request-audit.ts';
import type { Runtime } from './runtime.ts';

/** The request's guard state: its inspector (for the answer) and report. */
export interface RequestGuard {
  readonly requestId: string;
  readonly inspector: RequestInspector;
  readonly report: GuardReport;
  /**
   * Whether the profile runs any detector on answers; without one a stream
   * is not held back by the stream guard at all.
   */
  readonly guardsOutput: boolean;
}

/** The response header listing flagged findings. */
export const GUARD_FLAGS_HEADER = 'x-ringfence-guard-flags';

/**
 * Inspects the request; returns the call to route (redacted, canary
 * planted) and the request's guard, or no guard when guards are off.
 * Throws `guard_blocked` or `guard_failed`; either way the findings and
 * failure are on `audit.guards` first.
 */
export function guardRequest(
  context: GatewayContext,
  runtime: Runtime,
  call: ChatCall,
  keyName: string,
  audit: RequestAudit,
): { readonly call: ChatCall; readonly guard: RequestGuard | undefined } {
  const pipeline = runtime.guards;
  if (!pipeline.enabled) return { call, guard: undefined };
  const profile = pipeline.profileFor(keyName, call.model);
  const report = new GuardReport(profile.name);
  audit.guards = report;
  const planted = pipeline.plantCanary ? newCanaryToken() : undefined;
  const guard: RequestGuard = {
    requestId: audit.requestId,
    inspector: pipeline.forRequest(profile, planted),
    report,
    guardsOutput: profile.surfaces.output.size > 0,
  };
  audit.canaries = guard.inspector.canaries;
  const located = inputSubjects(call, guard.inspector.canaries);
  const decided = runPass(context, guard, 'input', located);
  enforceBlock(decided);
  let routed = redactCall(call, redactions(located, decided));
  if (planted !== undefined) {
    routed = plantCanary(routed, planted);
    report.canaryPlanted = true;
  }
  return { call: routed, guard };
}

/** Inspects a complete answer; returns it redacted, or throws `guard_blocked` / `guard_failed`. */
export function guardAnswer(
  context: GatewayContext,
  guard: RequestGuard | undefined,
  result: ChatResult,
): ChatResult {
  if (guard === undefined || !guard.guardsOutput) return result;
  const located = outputSubjects(result, guard.inspector.canaries);
  const decided = runPass(context, guard, 'output', located);
  enforceBlock(decided);
  return redactResult(result, redactions(located, decided));
}

/**
 * Options for the stream guard (guards/stream): an `Inspect` run on each
 * window (one pass per call, with its own time budget) and the findings,
 * reported once each as they settle, onto the report.
 */
export function streamGuardOptions(
  context: GatewayContext,
  guard: RequestGuard,
): StreamGuardOptions {
  return {
    inspect: (subject: Subject) =>
      runPass(
        context,
        guard,
        'stream',
        [{ subject, path: { item: 0, part: -1, inner: -1, field: 'text' } }],
        false,
      ),
    canaries: guard.inspector.canaries,
    onDecided: (decided) => {
      guard.report.add(decided);
      context.metrics.guardFindings(decided);
    },
  };
}

/** The flags header for the findings so far, if any were flagged. */
export function flagHeaders(report: GuardReport | undefined): Record<string, string> {
  const value = report?.flagsHeader();
  return value === undefined ? {} : { [GUARD_FLAGS_HEADER]: value };
}

function runPass(
  context: GatewayContext,
  guard: RequestGuard,
  pass: GuardPassKind,
  located: readonly LocatedSubject[],
  record = true,
): readonly DecidedFinding[] {
  const started = performance.now();
  try {
    const decided = guard.inspector.pass(located.map((entry) => entry.subject));
    if (record) {
      guard.report.add(decided);
      context.metrics.guardFindings(decided);
    }
    return decided;
  } catch (thrown) {
    if (thrown instanceof GatewayError && thrown.cause instanceof GuardFailure) {
      const { reason, detector, surface } = thrown.cause;
      guard.report.failure = { reason, detector, surface };
      // The detector's own error is not logged: its message may quote the text it choked on.
      context.logger.error('guard failed; request refused', {
        requestId: guard.requestId,
        reason,
        detector,
        surface,
      });
    }
    throw thrown;
  } finally {
    context.metrics.guardPass(pass, performance.now() - started);
  }
}

/** Refuses on the first `block` decision, naming detector, rule, surface and location (never the text). */
function enforceBlock(decided: readonly DecidedFinding[]): void {
  const block = decided.find((entry) => entry.action === 'block');
  if (block === undefined) return;
  throw new GatewayError(
    'guard_blocked',
    `Blocked by guard ${block.finding.detector}/${block.finding.rule} on ${block.surface} ${block.location}.`,
  );
}

function redactions(
  located: readonly LocatedSubject[],
  decided: readonly DecidedFinding[],
): Redaction[] {
  const out: Redaction[] = [];
  if (!decided.some((decision) => decision.action === 'redact')) return out;
  for (const entry of located) {
    const own = decided.filter(
      (decision) =>
        decision.action === 'redact' &&
        decision.location === entry.subject.location &&
        decision.surface === entry.subject.surface,
    );
    if (own.length > 0) out.push({ located: entry, decided: own });
  }
  return out;
}
