/**
 * Small hand-written checks shared by the OpenAI request parser. The parser
 * runs on every request, so it reads fields directly instead of going through
 * a schema library (about 1 µs for a ten-message request on top of
 * `JSON.parse`); messages are only formatted when a check fails.
 */
import { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A caller error for one request field; `param` follows OpenAI's `messages[3].content` form. */
export function invalid(
  param: string,
  message: string,
  code: Extract<
    ErrorCode,
    'invalid_request' | 'too_many_messages' | 'invalid_tool_schema'
  > = 'invalid_request',
): GatewayError {
  return new GatewayError(code, message, { param });
}

/** A string of at most `max` UTF-16 code units (and at least `min`). */
export function checkString(value: unknown, param: string, max: number, min = 0): string {
  if (typeof value !== 'string') throw invalid(param, `${param} must be a string.`);
  if (value.length < min) {
    throw invalid(param, min === 1 ? `${param} must not be empty.` : `${param} is too short.`);
  }
  if (value.length > max) throw invalid(param, `${param} is longer than ${max} characters.`);
  return value;
}

export function checkBoolean(value: unknown, param: string): boolean {
  if (typeof value !== 'boolean') throw invalid(param, `${param} must be a boolean.`);
  return value;
}

export function checkNumber(value: unknown, param: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(param, `${param} must be a number from ${min} to ${max}.`);
  }
  return value;
}

export function checkPositiveInteger(value: unknown, param: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalid(param, `${param} must be a positive integer.`);
  }
  return value;
}

export function checkArray(value: unknown, param: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(param, `${param} must be an array.`);
  return value;
}

export function checkObject(value: unknown, param: string): JsonObject {
  if (!isRecord(value)) throw invalid(param, `${param} must be an object.`);
  return value;
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
