/**
 * Type guards for JSON that arrives as `unknown`: request bodies in the
 * dialect parsers, answers in the provider adapters.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

/** A JSON object: not `null`, not an array. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a value is plain JSON (what `JSON.parse` can produce). Passthrough
 * fields are forwarded upstream verbatim, so a body built in-process must not
 * smuggle `undefined`, `NaN`, functions or class instances through them.
 * Iterative, so depth cannot overflow the stack.
 */
export function isJsonValue(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    switch (typeof current) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(current)) return false;
        continue;
      case 'object': {
        if (current === null) continue;
        if (Array.isArray(current)) {
          for (const item of current) pending.push(item);
          continue;
        }
        const prototype: unknown = Object.getPrototypeOf(current);
        if (prototype !== Object.prototype && prototype !== null) return false;
        for (const key in current) pending.push((current as Record<string, unknown>)[key]);
        continue;
      }
      case 'undefined':
      case 'bigint':
      case 'symbol':
      case 'function':
        return false;
    }
  }
  return true;
}
