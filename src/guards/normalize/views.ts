/**
 * TEMPORARY STUB (replaced by the normaliser): the views of a text that
 * detectors score. The real implementation adds NFKC, invisible-character
 * stripping, confusable folding, spaced-letter collapsing, de-leet and
 * bounded decoding of base64 / hex / percent / rot13 runs.
 */

export interface View {
  /** `original`, `normalized`, `decoded:base64`, `decoded:hex`, `decoded:percent`, `decoded:rot13`, … */
  readonly name: string;
  readonly text: string;
  /**
   * For a view whose characters map back to the original: `map[i]` is the
   * original offset of view character i (length text.length + 1, the last
   * entry being the end). Absent for `original` (identity).
   */
  readonly map?: Int32Array;
  /** For a decoded view: the span of the encoded run in the ORIGINAL text. */
  readonly origin?: { readonly start: number; readonly end: number };
  /** Obfuscation signals seen while building this view, e.g. `tag-characters`, `zero-width-in-word`. */
  readonly signals: readonly string[];
}

/** The original first, then only the views that differ from it. */
export function buildViews(text: string): readonly View[] {
  const views: View[] = [{ name: 'original', text, signals: [] }];
  const normalized = text.normalize('NFKC');
  if (normalized !== text) views.push({ name: 'normalized', text: normalized, signals: [] });
  return views;
}
