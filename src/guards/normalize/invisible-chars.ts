/**
 * Characters that render as nothing and so can hide or split text: Unicode
 * tag characters (U+E0000–E007F), zero-width and other default-ignorable
 * characters, bidirectional controls and variation selectors.
 */

/** What kind of invisible character a code point is. */
export type InvisibleKind =
  'tag' | 'zero-width' | 'bidi-control' | 'bidi-mark' | 'variation-selector';

/** ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER: orthographic in several scripts. */
export const ZWNJ = 0x200c;
export const ZWJ = 0x200d;
/** MONGOLIAN VOWEL SEPARATOR: orthographic between Mongolian letters. */
export const MONGOLIAN_VOWEL_SEPARATOR = 0x180e;
/** BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE. */
export const BOM = 0xfeff;
/** The two variation selectors that choose text or emoji presentation. */
export const VS15 = 0xfe0e;
export const VS16 = 0xfe0f;
/** CANCEL TAG, which ends an emoji tag sequence (subdivision flags). */
export const CANCEL_TAG = 0xe007f;
/** WAVING BLACK FLAG, the base of emoji subdivision flags (🏴 + tags). */
export const BLACK_FLAG = 0x1f3f4;

/**
 * The kind of invisible character `codePoint` is, or undefined for a
 * visible one. Ordered so the common case (below U+00AD) costs one compare.
 */
export function invisibleKind(codePoint: number): InvisibleKind | undefined {
  if (codePoint < 0xad) return undefined;
  if (codePoint < 0x2000) {
    switch (codePoint) {
      case 0xad: // SOFT HYPHEN
      case 0x34f: // COMBINING GRAPHEME JOINER
      case 0x115f: // HANGUL CHOSEONG FILLER
      case 0x17b4: // KHMER VOWEL INHERENT AQ
      case 0x17b5: // KHMER VOWEL INHERENT AA
      case 0x180e: // MONGOLIAN VOWEL SEPARATOR
        return 'zero-width';
      case 0x61c: // ARABIC LETTER MARK
        return 'bidi-mark';
      default:
        // Mongolian free variation selectors.
        if (codePoint >= 0x180b && codePoint <= 0x180d) return 'variation-selector';
        if (codePoint === 0x180f) return 'variation-selector';
        return undefined;
    }
  }
  if (codePoint <= 0x206f) {
    if (codePoint >= 0x200b && codePoint <= 0x200d) return 'zero-width';
    if (codePoint === 0x200e || codePoint === 0x200f) return 'bidi-mark';
    if (codePoint >= 0x202a && codePoint <= 0x202e) return 'bidi-control';
    // WORD JOINER and the invisible operators (function application, times, separator, plus).
    if (codePoint >= 0x2060 && codePoint <= 0x2064) return 'zero-width';
    if (codePoint >= 0x2066 && codePoint <= 0x2069) return 'bidi-control';
    return undefined;
  }
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return 'variation-selector';
  if (codePoint === BOM) return 'zero-width';
  if (codePoint === 0x3164 || codePoint === 0xffa0) return 'zero-width'; // Hangul fillers
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return 'tag';
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return 'variation-selector';
  return undefined;
}

/**
 * The byte a variation selector encodes in the "emoji smuggling" scheme
 * (VS1–VS16 are 0–15, VS17–VS256 are 16–255), or -1.
 */
export function variationSelectorByte(codePoint: number): number {
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return codePoint - 0xfe00;
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return codePoint - 0xe0100 + 16;
  return -1;
}
