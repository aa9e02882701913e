/**
 * Splits `text` into at most `pieces` non-empty, roughly equal pieces whose
 * concatenation is `text`. A cut never falls between the two halves of a
 * surrogate pair, so every piece is well-formed UTF-16 when the input is.
 */
export function splitText(text: string, pieces: number): readonly string[] {
  const count = Math.max(1, Math.min(Math.floor(pieces), text.length));
  const result: string[] = [];
  let start = 0;
  for (let index = 1; index <= count && start < text.length; index += 1) {
    let end = index === count ? text.length : Math.round((index * text.length) / count);
    if (end < text.length && isLowSurrogate(text.charCodeAt(end))) {
      if (isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
    }
    if (end > start) {
      result.push(text.slice(start, end));
      start = end;
    }
  }
  return result;
}

/** The longest prefix of `text` of at most `limit` UTF-16 units that does not end inside a surrogate pair. */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return text.slice(0, Math.max(0, end));
}

/** The longest suffix of `text` of at most `limit` UTF-16 units that does not start inside a surrogate pair. */
export function lastText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const start = text.length - limit;
  return text.slice(isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
