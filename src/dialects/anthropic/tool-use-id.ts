/**
 * Anthropic requires `tool_use.id` (and so `tool_result.tool_use_id`) to
 * match `^[a-zA-Z0-9_-]+$`; other providers' ids may not (e.g. ids with `.`
 * or `:`). Both directions, request history sent to Anthropic and answers
 * encoded for Anthropic callers, pass ids through this one pure function, so
 * a `tool_result` always names the same id as the `tool_use` it answers.
 */

const VALID_TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;

/**
 * Returns `id` unchanged when Anthropic accepts it; otherwise replaces each
 * invalid character with `_` and appends a hash of the original id, so two
 * ids differing only in invalid characters stay distinct.
 */
export function toAnthropicToolUseId(id: string): string {
  if (VALID_TOOL_USE_ID.test(id)) return id;
  let cleaned = '';
  for (let index = 0; index < id.length; index++) {
    const code = id.charCodeAt(index);
    cleaned += isIdCharacter(code) ? String.fromCharCode(code) : '_';
  }
  return `${cleaned}_${fnv1a(id).toString(36)}`;
}

function isIdCharacter(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 || // _
    code === 45 // -
  );
}

/** FNV-1a, 32-bit: a fast, stable, non-cryptographic hash (collisions only cost a mismatched id). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
