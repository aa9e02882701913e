/**
 * Strict validation of a suspension feed document. A feed is remote input
 * that switches models off, so it is bounded in every dimension and any
 * surprise rejects the whole document (the last good list stays in force).
 *
 * Accepted shapes (JSON, RFC 8259):
 *
 *     [{ "pattern": "openai/gpt-4o*", "reason": "CVE-2025-1234" }, …]
 *     { "suspensions": [ … ] }
 *
 * Objects may carry no other keys: a typo such as `"patern"` must fail, not
 * silently suspend nothing.
 */

export interface FeedEntry {
  /** A target id, model name or glob (`*`, `?`), as for admin suspensions. */
  readonly pattern: string;
  /** Operator-facing text shown to callers of a suspended model. */
  readonly reason: string;
}

export const FEED_LIMITS = Object.freeze({
  maxBytes: 1024 * 1024,
  maxEntries: 10_000,
  maxPatternChars: 256,
  maxReasonChars: 1_000,
});

export type FeedParseError =
  'invalid_json' | 'invalid_shape' | 'invalid_entry' | 'too_many_entries';

export type FeedParseResult =
  | { readonly ok: true; readonly entries: readonly FeedEntry[] }
  | { readonly ok: false; readonly error: FeedParseError };

export function parseFeed(text: string): FeedParseResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, error: 'invalid_json' };
  }
  let list: unknown = document;
  if (isPlainObject(document)) {
    const keys = Object.keys(document);
    if (keys.length !== 1 || keys[0] !== 'suspensions')
      return { ok: false, error: 'invalid_shape' };
    list = document.suspensions;
  }
  if (!Array.isArray(list)) return { ok: false, error: 'invalid_shape' };
  if (list.length > FEED_LIMITS.maxEntries) return { ok: false, error: 'too_many_entries' };
  const entries: FeedEntry[] = [];
  for (const item of list as readonly unknown[]) {
    const entry = toEntry(item);
    if (entry === undefined) return { ok: false, error: 'invalid_entry' };
    entries.push(entry);
  }
  return { ok: true, entries };
}

function toEntry(item: unknown): FeedEntry | undefined {
  if (!isPlainObject(item)) return undefined;
  for (const key of Object.keys(item)) {
    if (key !== 'pattern' && key !== 'reason') return undefined;
  }
  const { pattern, reason } = item;
  if (typeof pattern !== 'string' || typeof reason !== 'string') return undefined;
  if (pattern.length === 0 || pattern.length > FEED_LIMITS.maxPatternChars) return undefined;
  if (reason.length > FEED_LIMITS.maxReasonChars) return undefined;
  if (hasControlCharacter(pattern) || hasControlCharacter(reason)) return undefined;
  return { pattern, reason };
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** C0 controls and DEL: reasons reach error messages, patterns reach logs. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
