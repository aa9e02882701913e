/**
 * Canonical JSON for hashing audit content.
 *
 * Follows RFC 8785 (JSON Canonicalization Scheme) for the values an audit
 * record can hold: object keys sorted by UTF-16 code units (RFC 8785 §3.2.3,
 * which is what `Array.prototype.sort` does on strings), no whitespace,
 * strings escaped as ECMAScript `JSON.stringify` does (§3.2.2.2; Node ≥ 12
 * escapes lone surrogates, so the output is always well-formed), and numbers
 * in the ECMAScript shortest round-trip form (§3.2.2.3, `-0` becomes `0`).
 *
 * Stricter than `JSON.stringify` so that a hash never silently covers
 * something other than what the caller meant: non-finite numbers, bigints,
 * functions, symbols, `undefined` array items and non-plain objects (Dates,
 * Maps, class instances) throw. `undefined` object members are dropped, as
 * JSON has no such value. Depth is bounded, which also turns a cycle into an
 * error instead of a stack overflow.
 */

/** Deepest nesting accepted; audit data is shallow, so this only stops runaway or cyclic input. */
export const MAX_CANONICAL_DEPTH = 64;

/** Thrown for a value canonical JSON cannot represent; `path` locates it (e.g. `$.a[2]`). */
export class CanonicalJsonError extends TypeError {
  override readonly name = 'CanonicalJsonError';
  readonly reason: string;
  readonly path: string;

  constructor(reason: string, path = '$') {
    super(`${reason} at ${path}`);
    this.reason = reason;
    this.path = path;
  }
}

/** Serialises `value` canonically; throws {@link CanonicalJsonError} for values JSON cannot hold exactly. */
export function canonicalJson(value: unknown): string {
  return serialise(value, 0);
}

function serialise(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number');
      // String(-0) is "0" and the rest is ECMAScript Number::toString, as RFC 8785 requires.
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_CANONICAL_DEPTH) throw new CanonicalJsonError('nesting too deep');
      if (Array.isArray(value)) return serialiseArray(value, depth + 1);
      return serialiseObject(value, depth + 1);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(`${typeof value} is not JSON`);
  }
}

function serialiseArray(items: readonly unknown[], depth: number): string {
  let out = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) out += ',';
    try {
      out += serialise(items[index], depth);
    } catch (error) {
      throw withSegment(error, `[${index}]`);
    }
  }
  return out + ']';
}

function serialiseObject(value: object, depth: number): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError('only plain objects are JSON');
  }
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    try {
      out += JSON.stringify(key) + ':' + serialise(member, depth);
    } catch (error) {
      throw withSegment(error, `.${key}`);
    }
  }
  return out + '}';
}

/**
 * Prefixes a failure's path while unwinding from it, so the hot path (every
 * audit append) builds no path strings at all.
 */
function withSegment(error: unknown, segment: string): unknown {
  if (!(error instanceof CanonicalJsonError)) return error;
  return new CanonicalJsonError(error.reason, '$' + segment + error.path.slice(1));
}
