/**
 * Synthetic training texts written for this project (no dataset text
 * copied): attack forms and matching hard negatives in many styles and
 * languages. A family is one template or hand-written group; families are the
 * unit of per-source weight caps, so no family can dominate training.
 */
export interface SyntheticText {
  readonly text: string;
  /** 1 = injection or jailbreak, 0 = benign. */
  readonly label: 0 | 1;
  readonly surface: 'input' | 'tool_output';
  readonly family: string;
  /** ISO 639-1 code, `en` for English. */
  readonly lang: string;
}

/** Deterministic: the same seed gives the same texts in the same order. */
export type SyntheticBuilder = (seed: number) => SyntheticText[];
