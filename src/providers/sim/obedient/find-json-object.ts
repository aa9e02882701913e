/** The longest JSON object literal looked for, in UTF-16 units. */
export const MAX_JSON_OBJECT_LENGTH = 16 * 1024;
/** Deeper nesting is not taken as arguments (and keeps JSON.stringify's recursion shallow). */
export const MAX_JSON_OBJECT_DEPTH = 32;

/**
 * The JSON object whose `{` is the first one in `source[from, openBefore)`.
 * Its closing brace is found by a bracket scan that skips strings, within
 * {@link MAX_JSON_OBJECT_LENGTH} characters (the object may run past
 * `openBefore`, e.g. over several lines). `undefined` when there is no `{`,
 * the scan runs out, or the text is not a JSON object.
 */
export function findJsonObject(
  source: string,
  from: number,
  openBefore: number,
): Record<string, unknown> | undefined {
  const open = source.indexOf('{', from);
  if (open === -1 || open >= openBefore) return undefined;
  const close = closingBracket(source, open);
  if (close === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(source.slice(open, close + 1));
  } catch {
    return undefined;
  }
  return isRecord(value) ? value : undefined;
}

function closingBracket(source: string, open: number): number | undefined {
  const limit = Math.min(source.length, open + MAX_JSON_OBJECT_LENGTH);
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = open; index < limit; index += 1) {
    const character = source.charAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === '{' || character === '[') {
      depth += 1;
      if (depth > MAX_JSON_OBJECT_DEPTH) return undefined;
    } else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
