/**
 * The store interface: everything the gateway persists.
 *
 * The embedded implementation is SQLite (`store/sqlite/`); PostgreSQL (and
 * Redis for rate limits) come later behind the same interface, which is why
 * every write is asynchronous even though better-sqlite3 is not.
 *
 * Writes that must be durable before the gateway acts (audit intents, rate
 * limit tokens) go through a group-commit writer: calls made in the same
 * event-loop turn share one transaction, and each promise resolves only after
 * that transaction has committed.
 */

/** What callers append to the audit log. */
export interface AuditRecord {
  /** e.g. `request.intent`, `request.outcome`, `admin.suspension`, `admin.key`. */
  readonly type: string;
  readonly requestId?: string;
  /** The gateway key's public id (never the key itself). */
  readonly keyId?: string;
  readonly alias?: string;
  /** For outcome records: complete | truncated | client_aborted | upstream_error | rejected. */
  readonly outcome?: string;
  /** Event details; must be JSON-serialisable and free of secrets. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** An audit record as stored, with its place in the hash chain. */
export interface AuditEntry extends AuditRecord {
  /** 1-based position in the chain, with no gaps. */
  readonly seq: number;
  /** Milliseconds since the epoch, set by the store at append time. */
  readonly ts: number;
  readonly prevHash: string;
  /** SHA-256 (hex) of the canonical content and `prevHash`. */
  readonly hash: string;
}

export interface AuditQuery {
  readonly keyId?: string;
  readonly alias?: string;
  readonly outcome?: string;
  readonly type?: string;
  readonly requestId?: string;
  /** Inclusive lower bound, ms since the epoch. */
  readonly since?: number;
  /** Exclusive upper bound, ms since the epoch. */
  readonly until?: number;
  /** Newest first when true (the default for tail). */
  readonly newestFirst?: boolean;
  readonly limit?: number;
}

export type AuditProblemKind =
  | 'edited' // content no longer matches its hash
  | 'deleted' // a gap in the sequence
  | 'reordered' // entries present but out of chain order
  | 'truncated' // entries missing at the end (the head anchor is ahead of the log)
  | 'broken-link'; // prevHash does not match the previous entry's hash

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The sequence number(s) concerned. */
  readonly seq: number;
  readonly detail: string;
}

export interface AuditVerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly headSeq: number;
  readonly problems: readonly AuditProblem[];
}

export interface AuditLog {
  /**
   * Resolves once the record is committed (group commit); rejects if it
   * cannot be. `defer: true` lets the record wait (briefly, bounded) for the
   * next commit instead of starting one: for records nobody waits on, such
   * as request outcomes written after the answer was sent.
   */
  append(
    record: AuditRecord,
    options?: { readonly defer?: boolean },
  ): Promise<{ readonly seq: number; readonly hash: string }>;
  query(query: AuditQuery): readonly AuditEntry[];
  verify(): AuditVerifyReport;
}

export interface GatewayKeyRecord {
  /** Public identifier, e.g. `key_3f9a…`; safe to log. */
  readonly id: string;
  readonly name: string;
  /** First characters of the key, for people to recognise it (e.g. `rf_Ab3x`). */
  readonly prefix: string;
  /** Alias names or globs this key may use; `*` is all. */
  readonly models: readonly string[];
  /** Jurisdiction of the key's users (e.g. `eu`, `us`); empty means unrestricted-by-region rules only. */
  readonly region: string;
  /** Free-form labels used by later policy work (team, agent, groups). */
  readonly labels: Readonly<Record<string, string>>;
  /** Requests per minute; absent means no limit. */
  readonly rpm?: number;
  /** May name `provider/model` directly. */
  readonly allowDirect: boolean;
  readonly createdAt: number;
  readonly revokedAt?: number;
}

export interface NewGatewayKey {
  readonly name: string;
  readonly models?: readonly string[];
  readonly region?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly rpm?: number;
  readonly allowDirect?: boolean;
}

export interface KeyStore {
  /** Creates a key; the secret is returned once and only its hash is stored. */
  create(
    input: NewGatewayKey,
  ): Promise<{ readonly record: GatewayKeyRecord; readonly secret: string }>;
  /** Looks a presented key up by its SHA-256 hash; revoked keys are not returned. */
  findBySecret(secret: string): GatewayKeyRecord | undefined;
  list(): readonly GatewayKeyRecord[];
  get(id: string): GatewayKeyRecord | undefined;
  revoke(id: string): Promise<boolean>;
  /** Number of active (unrevoked) keys. */
  countActive(): number;
}

export interface Suspension {
  /** A target id `provider/model`, a model name, or a glob over either (`*`, `?`). */
  readonly pattern: string;
  readonly reason: string;
  readonly source: 'admin' | 'feed';
  readonly createdAt: number;
  readonly createdBy: string;
}

export interface SuspensionStore {
  list(): readonly Suspension[];
  /** Adds or replaces the admin suspension for `pattern`. */
  suspend(pattern: string, reason: string, createdBy: string): Promise<Suspension>;
  /** Removes the admin suspension for `pattern`; false if there was none. */
  resume(pattern: string): Promise<boolean>;
  /**
   * Atomically replaces every feed-sourced suspension. Resolves true when the
   * list changed (so exactly one of several polling workers records it).
   */
  replaceFeed(entries: readonly { pattern: string; reason: string }[]): Promise<boolean>;
}

export interface RateLimit {
  readonly ratePerMinute: number;
  /** Bucket size; defaults to `ratePerMinute`. */
  readonly burst?: number;
}

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export interface RateLimitStore {
  /**
   * Takes one token from the bucket `bucket`. Shared by every worker and
   * replica using the store. Joins the current group commit.
   */
  take(bucket: string, limit: RateLimit): Promise<RateDecision>;
}

export interface Store {
  readonly audit: AuditLog;
  readonly keys: KeyStore;
  readonly suspensions: SuspensionStore;
  readonly rateLimits: RateLimitStore;
  /**
   * A number that changes whenever keys or suspensions change, from any
   * process. Cheap enough to call on every request, so changes made by the
   * CLI or another worker apply to the next request.
   */
  revision(): number;
  /** Flushes pending writes and closes. */
  close(): Promise<void>;
}
