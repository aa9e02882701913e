/**
 * One language's hand-written pieces for the multilingual synthetic data.
 * Attack pieces and benign pieces share openers, closers, frames and
 * carriers so the detector has to learn intent rather than style.
 *
 * Placeholders: `{H}` in `frames` and `ask` is an embedded clause taken from
 * `harmful` (attacks) or `topics` (benign); `{A}` and `{B}` in `split` are
 * the two halves of a split instruction.
 */
export interface LangPack {
  readonly lang: string;
  /** Short openers shared by attacks and benign texts (may be ''). */
  readonly openers: readonly string[];
  /** Short closers shared by attacks and benign texts (may be ''). */
  readonly closers: readonly string[];

  // ---- attacks ----
  /** Ignore / disregard previous instructions. */
  readonly override: readonly string[];
  /** "New instructions / from now on" with a malicious rule. */
  readonly newRules: readonly string[];
  /** System-prompt, secret or password extraction (direct and indirect). */
  readonly extract: readonly string[];
  /** Persona / role-play jailbreaks. */
  readonly persona: readonly string[];
  /** Refusal suppression. */
  readonly refusal: readonly string[];
  /** Fiction / hypothetical frames with `{H}`. */
  readonly frames: readonly string[];
  /** A direct request frame with `{H}` ("explain step by step {H}"). */
  readonly ask: string;
  /** Harmful embedded clauses ("how to make a bomb"). */
  readonly harmful: readonly string[];
  /** Authority / persuasion claims. */
  readonly authority: readonly string[];
  /** Output-format hijack. */
  readonly pwned: readonly string[];
  /** Payload-splitting frame with `{A}` and `{B}`. */
  readonly split: string;
  /** Code-switched attacks (English keywords inside the language). */
  readonly mixed: readonly string[];
  /** Injections addressed to an AI assistant, hidden in tool output. */
  readonly indirect: readonly string[];

  // ---- benign hard negatives ----
  /** Harmless embedded clauses for `frames` and `ask`. */
  readonly topics: readonly string[];
  readonly benign: {
    /** Innocent "ignore / forget / reset". */
    readonly override: readonly string[];
    /** Innocent "from now on". */
    readonly rules: readonly string[];
    /** Password resets, doctor's previous instructions, translate a manual. */
    readonly extract: readonly string[];
    /** Tour guide, job-interview role-play. */
    readonly persona: readonly string[];
    /** "No emojis", "start with the summary". */
    readonly refusal: readonly string[];
    /** Real administrators asking how to do admin things. */
    readonly authority: readonly string[];
    /** "Answer only with yes or no". */
    readonly format: readonly string[];
    /** Variables in maths or code. */
    readonly split: readonly string[];
    /** English technical words inside the language. */
    readonly mixed: readonly string[];
    /** Ordinary instructions in e-mails, notes and tickets. */
    readonly tool: readonly string[];
  };

  // ---- carriers ----
  /** Neutral sentences for e-mails, pages, reviews, tickets and notes. */
  readonly neutral: readonly string[];
  readonly greet: readonly string[];
  readonly sign: readonly string[];
}

/**
 * Extra phrasings per language (password tricks, acrostics, encodings,
 * review manipulation, tool abuse), merged into the matching `LangPack`.
 */
export interface LangExtra {
  readonly lang: string;
  readonly override: readonly string[];
  readonly extract: readonly string[];
  readonly persona: readonly string[];
  readonly indirect: readonly string[];
  readonly benignOverride: readonly string[];
  readonly benignExtract: readonly string[];
  readonly benignTool: readonly string[];
}
