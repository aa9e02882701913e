/**
 * The guard interfaces: detectors find things, enforcement decides what to
 * do about them. A detector never blocks, redacts or logs by itself; it
 * returns findings, and the pipeline maps each finding to an action from the
 * configured profile (block / redact / flag / log).
 *
 * Offsets are UTF-16 code-unit offsets into `Subject.text` (JavaScript string
 * indices), so a redaction can be applied with `slice`.
 */

/** Where a text sits on the request path; each surface has its own thresholds and actions. */
export type Surface = 'input' | 'tool_output' | 'output';

export const SURFACES: readonly Surface[] = ['input', 'tool_output', 'output'];

/** One text to inspect. */
export interface Subject {
  readonly surface: Surface;
  readonly text: string;
  /**
   * Where it came from, for findings and error messages, e.g.
   * `messages[3].content[0]`, `messages[5].tool_result[0]`, `output.text`,
   * `output.tool_calls[0].arguments`. Never contains the text itself.
   */
  readonly location: string;
  /**
   * Canary strings that must never appear in output: configured canaries and
   * the per-request canary the gateway planted. Empty when none.
   */
  readonly canaries: readonly string[];
}

/** A half-open range `[start, end)` of UTF-16 offsets into the subject's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Finding {
  /** The detector id: `injection`, `secrets`, `pii`, `canary`, `exfiltration`, `hidden-text`. */
  readonly detector: string;
  /** The rule within the detector, stable across releases, e.g. `openai-api-key`, `luhn-card`, `model`. */
  readonly rule: string;
  /** The label used in redactions, `[REDACTED:<type>]`, e.g. `openai_key`, `email`, `card`. */
  readonly type: string;
  /** Confidence in [0, 1]; validated matches (Luhn, mod-97) are 1. */
  readonly score: number;
  /** The view of the text the finding came from: `original`, `normalized`, `decoded:base64`, … */
  readonly view: string;
  /** Why, for people; never contains the matched text (it may be a secret). */
  readonly reason: string;
  /**
   * Where in the ORIGINAL subject text, when the finding can be localised
   * (findings in a decoded view point at the encoded run). Absent for
   * whole-text findings such as an injection score; redacting such a finding
   * replaces the whole text.
   */
  readonly span?: Span;
}

/** Detection only; enforcement decides what to do (shared/STYLE.md). Must not throw on any input. */
export interface Detector {
  readonly id: string;
  detect(subject: Subject): readonly Finding[];
}

export type GuardAction = 'block' | 'redact' | 'flag' | 'log';

/** A finding with the action the profile assigns to it. */
export interface DecidedFinding {
  readonly finding: Finding;
  readonly action: GuardAction;
  readonly surface: Surface;
  readonly location: string;
}

/** Runs the configured detectors on a subject and assigns actions (see pipeline.ts). */
export type Inspect = (subject: Subject) => readonly DecidedFinding[];
