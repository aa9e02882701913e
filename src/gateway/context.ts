/**
 * What request handlers are given: the current runtime snapshot and the
 * long-lived parts. Built in `app.ts`; handlers never reach for globals.
 */
import type { DecidedFinding } from '../guards/types.ts';
import type { Logger } from '../observability/logger.ts';
import type { SuspensionMatcher } from '../routing/suspension-matcher.ts';
import type { Router } from '../routing/types.ts';
import type { Store } from '../store/types.ts';
import type { RequestAudit, RequestOutcome } from './request-audit.ts';
import type { Runtime } from './runtime.ts';

/** The request-path metric hooks (implemented over the Prometheus registry in `app.ts`). */
export interface RequestMetrics {
  requestStarted(): void;
  requestFinished(audit: RequestAudit, outcome: RequestOutcome): void;
  auditWrite(milliseconds: number): void;
  auditFailed(): void;
  /** Findings of a guard pass, counted by detector, surface and action. */
  guardFindings(decided: readonly DecidedFinding[]): void;
  guardPass(pass: GuardPassKind, milliseconds: number): void;
}

/** `input`: the request; `output`: a complete answer; `stream`: one inspected window of a stream. */
export type GuardPassKind = 'input' | 'output' | 'stream';

export interface GatewayContext {
  /** The current configuration snapshot (replaced atomically on reload). */
  runtime(): Runtime;
  readonly store: Store;
  readonly router: Router;
  readonly logger: Logger;
  readonly metrics: RequestMetrics;
  /** Whether requests without a gateway key are accepted right now. */
  openMode(): boolean;
  /** The current suspensions (store and feed), compiled. */
  suspensionMatcher(): SuspensionMatcher;
}
