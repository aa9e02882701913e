/**
 * The audit records of one request: an intent written and committed before
 * anything is forwarded, and an outcome written whatever happens. Bodies are
 * kept as SHA-256 digests; full bodies only when configured, and then
 * redacted of credentials first.
 */
import { createHash, hash, type Hash } from 'node:crypto';
import type { Dialect, Usage } from '../chat/types.ts';
import type { GuardReport } from '../guards/report.ts';
import type { AttemptRecord } from '../routing/types.ts';
import type { AuditRecord } from '../store/types.ts';
import { maskCredentials } from '../observability/mask-credentials.ts';

/** `blocked`: a guard refused the request or its answer (docs/guards.md). */
export type RequestOutcome =
  'complete' | 'truncated' | 'client_aborted' | 'upstream_error' | 'rejected' | 'blocked';

export interface AuditBodies {
  readonly keep: boolean;
  readonly maxBytes: number;
}

/** Mutable per-request facts, filled in as the request moves along its path. */
export class RequestAudit {
  readonly requestId: string;
  readonly dialect: Dialect;
  readonly path: string;
  /** `performance.now()` at arrival: latencies are measured on the monotonic clock. */
  readonly startedAt: number;
  keyId: string | undefined;
  alias: string | undefined;
  stream = false;
  requestDigest = '';
  requestBytes = 0;
  requestBody: string | undefined;
  messages = 0;
  tools = 0;
  target: string | undefined;
  attempts: readonly AttemptRecord[] = [];
  usage: Usage | undefined;
  errorCode: string | undefined;
  status = 0;
  ttfbMs: number | undefined;
  upstreamMs = 0;
  responseBytes = 0;
  responseBody: string | undefined;
  /** The guards' decisions, when guards are enabled: `guards` in both records. */
  guards: GuardReport | undefined;
  /**
   * Canary values (configured and planted) masked out of kept bodies: a
   * canary must never reach the audit log, even in an answer that leaked it
   * under a profile that only flags.
   */
  canaries: readonly string[] = [];
  readonly #bodies: AuditBodies;
  #responseHash: Hash | undefined;
  #responseDigest: string | undefined;
  #responseParts: string[] | undefined;

  constructor(requestId: string, dialect: Dialect, path: string, bodies: AuditBodies) {
    this.requestId = requestId;
    this.dialect = dialect;
    this.path = path;
    this.startedAt = performance.now();
    this.#bodies = bodies;
  }

  recordRequestBody(body: Buffer): void {
    this.requestBytes = body.length;
    // One-shot `hash()` (Node ≥ 20.12): about 3× cheaper than createHash() for
    // small inputs (no Hash object); same digest. See docs/BENCHMARKS.md.
    this.requestDigest = hash('sha256', body, 'hex');
    if (this.#bodies.keep)
      this.requestBody = keepBody(body.toString('utf8'), this.#bodies.maxBytes);
  }

  /** Whole response body at once (non-streaming and error responses). */
  recordResponseBody(text: string): void {
    this.responseBytes = Buffer.byteLength(text);
    this.#responseDigest = hash('sha256', text, 'hex');
    if (this.#bodies.keep) this.responseBody = keepBody(text, this.#bodies.maxBytes);
  }

  /** One piece of a streamed response, hashed incrementally. */
  recordResponseChunk(text: string): void {
    this.#responseHash ??= createHash('sha256');
    this.#responseHash.update(text);
    this.responseBytes += Buffer.byteLength(text);
    if (this.#bodies.keep) {
      this.#responseParts ??= [];
      if (this.responseBytes <= this.#bodies.maxBytes) this.#responseParts.push(text);
    }
  }

  intentRecord(): AuditRecord {
    return {
      type: 'request.intent',
      requestId: this.requestId,
      ...(this.keyId === undefined ? {} : { keyId: this.keyId }),
      ...(this.alias === undefined ? {} : { alias: this.alias }),
      data: {
        dialect: this.dialect,
        path: this.path,
        stream: this.stream,
        requestDigest: this.requestDigest,
        requestBytes: this.requestBytes,
        messages: this.messages,
        tools: this.tools,
        ...(this.requestBody === undefined
          ? {}
          : { requestBody: maskCanaries(this.requestBody, this.canaries) }),
        ...(this.guards === undefined ? {} : { guards: this.guards.intentData() }),
      },
    };
  }

  outcomeRecord(outcome: RequestOutcome, finishedAt: number): AuditRecord {
    if (this.#responseHash !== undefined) {
      this.#responseDigest = this.#responseHash.digest('hex');
      this.#responseHash = undefined;
      if (this.#responseParts !== undefined) {
        this.responseBody = keepBody(this.#responseParts.join(''), this.#bodies.maxBytes);
      }
    }
    const totalMs = round(finishedAt - this.startedAt);
    const upstreamMs = round(this.upstreamMs);
    return {
      type: 'request.outcome',
      requestId: this.requestId,
      ...(this.keyId === undefined ? {} : { keyId: this.keyId }),
      ...(this.alias === undefined ? {} : { alias: this.alias }),
      outcome,
      data: {
        status: this.status,
        ...(this.errorCode === undefined ? {} : { errorCode: this.errorCode }),
        ...(this.target === undefined ? {} : { target: this.target }),
        attempts: this.attempts.map((attempt) => ({
          ...attempt,
          durationMs: round(attempt.durationMs),
        })),
        latency: {
          totalMs,
          upstreamMs,
          overheadMs: round(Math.max(0, totalMs - upstreamMs)),
          ...(this.ttfbMs === undefined ? {} : { ttfbMs: round(this.ttfbMs) }),
        },
        ...(this.usage === undefined ? {} : { usage: this.usage }),
        ...(this.#responseDigest === undefined ? {} : { responseDigest: this.#responseDigest }),
        responseBytes: this.responseBytes,
        ...(this.responseBody === undefined
          ? {}
          : { responseBody: maskCanaries(this.responseBody, this.canaries) }),
        ...(this.guards === undefined ? {} : { guards: this.guards.outcomeData() }),
      },
    };
  }
}

function maskCanaries(text: string, canaries: readonly string[]): string {
  let masked = text;
  for (const canary of canaries) {
    if (canary !== '') masked = masked.split(canary).join('[REDACTED:canary]');
  }
  return masked;
}

function keepBody(text: string, maxBytes: number): string {
  const capped = text.length > maxBytes ? `${text.slice(0, maxBytes)}…[truncated]` : text;
  return maskCredentials(capped);
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 1000) / 1000;
}
