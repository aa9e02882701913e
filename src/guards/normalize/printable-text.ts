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
 * up at least a third of it.
 */
export function isMostlyPrintable(text: string): boolean {
  const length = text.length;
  if (length < MIN_DECODED_LENGTH) return false;
  let unprintable = 0;
  let letters = 0;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (!isPrintableCode(code)) unprintable++;
    else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
    else if (code >= 0x30 && code <= 0x39) letters++;
    else if (code >= 0xc0 && code !== 0xfffd) letters++;
  }
  const allowed = length <= 32 ? 0 : Math.floor(length * 0.05);
  return unprintable <= allowed && letters * 3 >= length;
}

/** The bytes as UTF-8 text when mostly printable, else undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  const text = decoder.decode(bytes);
  return isMostlyPrintable(text) ? text : undefined;
}
