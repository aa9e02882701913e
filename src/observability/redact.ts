/**
 * Turns any value into a JSON-safe value that holds no credential and no
 * content: the one gate every log field passes through.
 *
 * - `Secret` instances render as `[secret]`;
 * - fields with credential names (`authorization`, `apiKey`, `password`,
 *   `cookie`, `…Token`) are masked whatever their value, except numbers and
 *   booleans; `key`-like fields are masked when the value looks like a key;
 * - fields with content names (`body`, `prompt`, `messages`, `content`, …)
 *   are omitted;
 * - strings are truncated, then credential-looking substrings are masked;
 * - errors become `{name, code, message, cause}`, never a stack;
 * - binary data is described by its size, never dumped;
 * - depth, keys per object, items per array and total nodes are bounded.
 */
import { Secret } from '../config/secret.ts';
import { classifyField } from './field-names.ts';
import { DEFAULT_MAX_STRING_LENGTH, MASK, sanitizeText } from './mask-credentials.ts';
import { serializeError } from './serialize-error.ts';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [field: string]: JsonValue };

export interface RedactionLimits {
  readonly maxDepth: number;
  readonly maxKeysPerObject: number;
  readonly maxArrayItems: number;
  readonly maxStringLength: number;
  /** Values visited in one call; the rest become `[truncated]`. */
  readonly maxNodes: number;
}

export const DEFAULT_REDACTION_LIMITS: RedactionLimits = Object.freeze({
  maxDepth: 6,
  maxKeysPerObject: 64,
  maxArrayItems: 64,
  maxStringLength: DEFAULT_MAX_STRING_LENGTH,
  maxNodes: 1000,
});

/** What a content field (body, prompt, …) is replaced by. */
export const OMITTED = '[omitted]';
const TRUNCATED = '[truncated]';
const MAX_FIELD_NAME_LENGTH = 128;
/** `key`-like values at least this long, made only of token characters and mixing letters and digits, are masked. */
const MIN_KEY_CREDENTIAL_LENGTH = 20;
const MAX_KEY_CREDENTIAL_LENGTH = 8192;
const TOKEN_ONLY = /^[A-Za-z0-9_\-.+/=]+$/;

interface Walk {
  readonly limits: RedactionLimits;
  readonly ancestors: object[];
  nodes: number;
}

/** Redacts one value; `undefined` means "leave the field out". */
export function redact(
  value: unknown,
  limits: RedactionLimits = DEFAULT_REDACTION_LIMITS,
): JsonValue | undefined {
  return redactValue(value, { limits, ancestors: [], nodes: 0 }, 0);
}

/** Redacts the fields of a log line (the top level of a record). */
export function redactFields(
  fields: object,
  limits: RedactionLimits = DEFAULT_REDACTION_LIMITS,
): Record<string, JsonValue> {
  const walk: Walk = { limits, ancestors: [], nodes: 0 };
  try {
    return redactObject(fields, walk, 0);
  } catch {
    // A throwing proxy or getter at the top level: keep the line, lose the fields.
    return { fields: '[unreadable]' };
  }
}

function redactValue(value: unknown, walk: Walk, depth: number): JsonValue | undefined {
  walk.nodes++;
  if (walk.nodes > walk.limits.maxNodes) return TRUNCATED;
  switch (typeof value) {
    case 'string':
      return sanitizeText(value, walk.limits.maxStringLength);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      return value === null ? null : redactNonNullObject(value, walk, depth);
  }
}

function redactNonNullObject(value: object, walk: Walk, depth: number): JsonValue {
  if (value instanceof Secret) return '[secret]';
  if (value instanceof Error) return serializeError(value);
  if (ArrayBuffer.isView(value)) return `[binary ${String(value.byteLength)} bytes]`;
  if (value instanceof ArrayBuffer) return `[binary ${String(value.byteLength)} bytes]`;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  }
  if (value instanceof Map) return `[Map size=${String(value.size)}]`;
  if (value instanceof Set) return `[Set size=${String(value.size)}]`;
  if (depth >= walk.limits.maxDepth) return TRUNCATED;
  if (walk.ancestors.includes(value)) return '[circular]';
  walk.ancestors.push(value);
  try {
    if (Array.isArray(value)) return redactArray(value, walk, depth);
    if (value instanceof URL) return sanitizeText(value.href, walk.limits.maxStringLength);
    return redactObject(value, walk, depth);
  } catch {
    // A throwing getter or proxy trap: say so rather than fail the log line.
    return '[unreadable]';
  } finally {
    walk.ancestors.pop();
  }
}

function redactArray(items: readonly unknown[], walk: Walk, depth: number): JsonValue[] {
  const limit = Math.min(items.length, walk.limits.maxArrayItems);
  const result: JsonValue[] = [];
  for (let index = 0; index < limit; index++) {
    result.push(redactValue(items[index], walk, depth + 1) ?? null);
  }
  if (items.length > limit) result.push(`[${String(items.length - limit)} more]`);
  return result;
}

function redactObject(value: object, walk: Walk, depth: number): Record<string, JsonValue> {
  // No prototype: a field named `__proto__` (from parsed JSON) stays an ordinary field.
  const result = Object.create(null) as Record<string, JsonValue>;
  let kept = 0;
  for (const name of Object.keys(value)) {
    if (kept >= walk.limits.maxKeysPerObject) {
      result['[more keys]'] = true;
      break;
    }
    const fieldValue: unknown = (value as Readonly<Record<string, unknown>>)[name];
    const redacted = redactField(name, fieldValue, walk, depth);
    if (redacted === undefined) continue;
    result[sanitizeText(name, MAX_FIELD_NAME_LENGTH)] = redacted;
    kept++;
  }
  return result;
}

function redactField(
  name: string,
  value: unknown,
  walk: Walk,
  depth: number,
): JsonValue | undefined {
  if (value === undefined) return undefined;
  const fieldClass = classifyField(name);
  switch (fieldClass) {
    case 'content':
      return OMITTED;
    case 'secret':
      return isHarmlessScalar(value) ? redactValue(value, walk, depth + 1) : MASK;
    case 'key':
      return typeof value === 'string' && looksLikeCredential(value)
        ? MASK
        : redactValue(value, walk, depth + 1);
    case 'plain':
      return redactValue(value, walk, depth + 1);
  }
}

/** Numbers, booleans and null carry no credential: `{token: null}` or `{password: false}` stay useful. */
function isHarmlessScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'boolean';
}

function looksLikeCredential(value: string): boolean {
  return (
    value.length >= MIN_KEY_CREDENTIAL_LENGTH &&
    value.length <= MAX_KEY_CREDENTIAL_LENGTH &&
    TOKEN_ONLY.test(value) &&
    /[A-Za-z]/.test(value) &&
    /[0-9]/.test(value)
  );
}
