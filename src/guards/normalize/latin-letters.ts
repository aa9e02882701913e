/**
 * Precomposed Latin letters with diacritics ("é", "ö", "ç", "ŝ") and the
 * ASCII letter each is built on, so a word such as "vосê" (Cyrillic о, с)
 * or "ïgnörë" can be recognised as Latin-script text.
 */

/** Latin-1 Supplement to Latin Extended-B (U+00C0–U+024F), then Latin Extended Additional (U+1E00–U+1EFF). */
const FIRST_BLOCK_END = 0x250;
const ADDITIONAL_START = 0x1e00;
const ADDITIONAL_END = 0x1f00;

const bases = new Uint8Array(FIRST_BLOCK_END + (ADDITIONAL_END - ADDITIONAL_START));
let filled = false;

function baseOf(codePoint: number): number {
  // Canonical decomposition: the base letter, then the combining marks.
  const base = String.fromCharCode(codePoint).normalize('NFD').charCodeAt(0);
  const lower = base | 0x20;
  return base < 0x80 && lower >= 0x61 && lower <= 0x7a && base !== codePoint ? base : 0;
}

function fill(): void {
  for (let code = 0xc0; code < FIRST_BLOCK_END; code++) bases[code] = baseOf(code);
  for (let code = ADDITIONAL_START; code < ADDITIONAL_END; code++) {
    bases[FIRST_BLOCK_END + code - ADDITIONAL_START] = baseOf(code);
  }
  filled = true;
}

/**
 * The ASCII letter (char code) a precomposed Latin letter with diacritics
 * decomposes to ("é" → "e", "Ö" → "O"), or 0 for any other code unit
 * (ASCII included).
 */
export function latinBase(code: number): number {
  if (code < 0xc0) return 0;
  if (!filled) fill();
  if (code < FIRST_BLOCK_END) return bases[code] ?? 0;
  if (code >= ADDITIONAL_START && code < ADDITIONAL_END) {
    return bases[FIRST_BLOCK_END + code - ADDITIONAL_START] ?? 0;
  }
  return 0;
}
