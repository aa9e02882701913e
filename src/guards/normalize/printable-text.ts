/**
 * The check every decoder applies before emitting a view: the bytes must be
 * UTF-8 that reads as text. Random bytes (a git SHA, a UUID, a key, an
 * ordinary word read as base64) essentially never pass, which is what keeps
 * decoded views to real hidden text.
 */

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Shortest decoded text worth a view. */
export const MIN_DECODED_LENGTH = 6;

function isPrintableCode(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return true;
  if (code < 0x20 || code === 0x7f) return false;
  if (code >= 0x80 && code < 0xa0) return false;
  return code !== 0xfffd;
}

/**
 * Whether `text` is mostly printable: at least 95% printable characters
 * (100% for short texts, where one stray byte decides), and letters or digits making
 * up at least a third of it (a tenth when it is all printable ASCII). C1 controls right after a Latin-1 letter
 * ("ð\u009f\u0098\u0080", an emoji's UTF-8 read as Latin-1) are mojibake in
 * the hidden text itself, not random bytes, and count as printable.
 */
export function isMostlyPrintable(text: string): boolean {
  const length = text.length;
  if (length < MIN_DECODED_LENGTH) return false;
  let unprintable = 0;
  let letters = 0;
  let mojibake = false;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 && code < 0xa0) {
      if (!mojibake) unprintable++;
      continue;
    }
    mojibake = code >= 0xc0 && code <= 0xff;
    if (!isPrintableCode(code)) unprintable++;
    else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
    else if (code >= 0x30 && code <= 0x39) letters++;
    else if (code >= 0xc0 && code !== 0xfffd) letters++;
  }
  const allowed = length <= 32 ? 0 : Math.floor(length * 0.05);
  if (unprintable > allowed) return false;
  // Random bytes are almost never all printable ASCII, so such text may be mostly
  // punctuation (Morse code, ASCII art) as long as it has some letters.
  return letters * 3 >= length || (unprintable === 0 && isAscii(text) && letters * 10 >= length);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++)
    if (text.charCodeAt(index) >= 0x80) return false;
  return true;
}

/** The bytes as UTF-8 text when mostly printable, else undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  const text = decoder.decode(bytes);
  return isMostlyPrintable(text) ? text : undefined;
}
