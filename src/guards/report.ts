/**
 * What the guards decided for one request: the audit record's `guards`
 * fields, the `x-ringfence-guard-flags` header, and the session taint
 * context handed to agent containment (docs/guards.md).
 *
 * Nothing here holds matched text or canary values: a decided finding
 * carries ids, offsets and scores only.
 */
import type { DecidedFinding, Surface } from './types.ts';

/** Why a guard pass refused a request (fail closed). */
export type GuardFailureReason = 'detector_error' | 'time_budget';

export interface GuardFailureInfo {
  readonly reason: GuardFailureReason;
  /** The detector that threw, or the one running when the budget ran out. */
  readonly detector?: string;
  readonly surface: Surface;
}

/** A decided finding as the audit log records it: never the matched text. */
export interface AuditedFinding {
  readonly detector: string;
  readonly rule: string;
  readonly type: string;
  readonly surface: Surface;
  readonly location: string;
  readonly action: DecidedFinding['action'];
  readonly score: number;
  readonly view: string;
}

/** Findings kept per audit record; more are counted, not listed. */
export const MAX_AUDITED_FINDINGS = 100;
/** Longest `x-ringfence-guard-flags` value, in characters. */
export const MAX_FLAGS_HEADER_LENGTH = 512;

/** Taint label nouns, by detector id (`secrets` findings taint as `secret:<surface>`). */
const LABEL_NOUNS: Readonly<Record<string, string>> = {
  injection: 'injection',
  secrets: 'secret',
  pii: 'pii',
  canary: 'canary',
  exfiltration: 'exfiltration',
  'hidden-text': 'hidden-text',
};

export class GuardReport {
  /** The profile the request used. */
  readonly profile: string;
  /** Whether a canary token was planted in the system prompt (the token itself is never recorded). */
  canaryPlanted = false;
  failure: GuardFailureInfo | undefined;
  readonly #input: DecidedFinding[] = [];
  readonly #output: DecidedFinding[] = [];

  constructor(profile: string) {
    this.profile = profile;
  }

  /** Adds findings of a pass; input and tool_output go to the intent record, output to the outcome. */
  add(decided: readonly DecidedFinding[]): void {
    if (decided.length === 0) return;
    for (const entry of decided) {
      (entry.surface === 'output' ? this.#output : this.#input).push(entry);
    }
  }

  /** Every decided finding of the request so far, input first. */
  get findings(): readonly DecidedFinding[] {
    return [...this.#input, ...this.#output];
  }

  /**
   * Session taint labels for agent containment, `<kind>:<surface>` (e.g.
   * `injection:tool_output`, `secret:input`), sorted and deduplicated.
   * Findings whose action is `log` do not taint: `log` means "record only".
   */
  labels(): readonly string[] {
    const labels = new Set<string>();
    for (const { finding, surface, action } of this.findings) {
      if (action === 'log') continue;
      labels.add(`${LABEL_NOUNS[finding.detector] ?? finding.detector}:${surface}`);
    }
    return [...labels].sort();
  }

  /**
   * The `x-ringfence-guard-flags` header value: `detector/rule@surface` of
   * every `flag` finding so far, deduplicated, comma-separated, at most
   * {@link MAX_FLAGS_HEADER_LENGTH} characters (then `+N` says how many more).
   * Undefined when nothing was flagged.
   */
  flagsHeader(): string | undefined {
    if (this.#input.length === 0 && this.#output.length === 0) return undefined;
    const flags = [
      ...new Set(
        this.findings
          .filter((entry) => entry.action === 'flag')
          .map((entry) => `${entry.finding.detector}/${entry.finding.rule}@${entry.surface}`),
      ),
    ];
    if (flags.length === 0) return undefined;
    let value = '';
    for (let index = 0; index < flags.length; index++) {
      const next = `${value === '' ? '' : ', '}${flags[index] ?? ''}`;
      const rest = flags.length - index;
      if (value.length + next.length + (rest > 1 ? 8 : 0) > MAX_FLAGS_HEADER_LENGTH) {
        return `${value}, +${rest}`;
      }
      value += next;
    }
    return value;
  }

  /** The intent record's `guards` field: profile, input findings, whether a canary was planted. */
  intentData(): Record<string, unknown> {
    return {
      profile: this.profile,
      ...findingsData(this.#input),
      ...(this.canaryPlanted ? { canaryPlanted: true } : {}),
    };
  }

  /** The outcome record's `guards` field: output findings and any failure. */
  outcomeData(): Record<string, unknown> {
    return {
      ...findingsData(this.#output),
      ...(this.failure === undefined ? {} : { failure: this.failure }),
    };
  }
}

function findingsData(decided: readonly DecidedFinding[]): Record<string, unknown> {
  const listed = decided.slice(0, MAX_AUDITED_FINDINGS).map(auditedFinding);
  return {
    findings: listed,
    ...(decided.length > listed.length ? { findingsOmitted: decided.length - listed.length } : {}),
  };
}

export function auditedFinding(entry: DecidedFinding): AuditedFinding {
  return {
    detector: entry.finding.detector,
    rule: entry.finding.rule,
    type: entry.finding.type,
    surface: entry.surface,
    location: entry.location,
    action: entry.action,
    // A detector bug must not make the audit record unwritable (JSON has no NaN).
    score: Number.isFinite(entry.finding.score) ? Math.round(entry.finding.score * 1000) / 1000 : 0,
    view: entry.finding.view,
  };
}
