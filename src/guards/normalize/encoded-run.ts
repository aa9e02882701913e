/**
 * What the decoders share: a decoded run and the budget that bounds how much
 * decoding one text may cause.
 */

/** The encodings a decoded view can come from (`decoded:<encoding>`). */
export type Encoding = 'base64' | 'hex' | 'percent' | 'rot13' | 'tags' | 'variation-selectors';

/** A run of encoded text and what it decodes to. */
export interface DecodedRun {
  readonly encoding: Encoding;
  /** The run's span in the text that was searched. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * For encodings that keep one character per character (rot13): the offset
   * of each decoded character in the searched text, length `text.length + 1`.
   */
  readonly map?: Int32Array;
}

/**
 * Shared, mutable limits for decoding one text: every decoder takes from the
 * same budget, so a text full of encoded-looking runs costs a bounded amount.
 */
export interface DecodeBudget {
  /** Decoded views still allowed. */
  runs: number;
  /** Decoded characters still allowed (sum over all views). */
  chars: number;
  /** Decoding attempts still allowed (runs that look encoded but may not be). */
  attempts: number;
}
