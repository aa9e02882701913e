/**
 * Small hand-written checks for parsing Messages requests on the hot path
 * (no schema library). Every failure is a GatewayError naming the field at
 * fault as a dotted path (`messages.3.content.0.text`, the form Anthropic
 * uses in its own error messages); messages never echo the caller's values.
 */
import { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function invalid(
  param: string,
  message: string,
  code: ErrorCode = 'invalid_request',
): GatewayError {
  return new GatewayError(code, `${param}: ${message}`, { param });
}

/** A string of `minimum`..`maximum` UTF-16 code units. */
export function readString(value: unknown, param: string, maximum: number, minimum = 0): string {
  if (typeof value !== 'string') throw invalid(param, 'must be a string.');
  if (value.length < minimum) {
    throw invalid(
      param,
      minimum === 1 ? 'must not be empty.' : `must be at least ${minimum} characters.`,
    );
  }
  if (value.length > maximum) throw invalid(param, `must be at most ${maximum} characters.`);
  return value;
}

/** `undefined` for an absent or `null` field (JSON clients send either for "not given"). */
export function readOptionalString(
  value: unknown,
  param: string,
  maximum: number,
): string | undefined {
  return value === undefined || value === null ? undefined : readString(value, param, maximum);
}

export function readOptionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(param, 'must be a boolean.');
  return value;
}

/** A finite number in `minimum`..`maximum`, or `undefined` when absent or `null`. */
export function readOptionalNumber(
  value: unknown,
  param: string,
  minimum: number,
  maximum: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(param, 'must be a number.');
  if (value < minimum || value > maximum) {
    throw invalid(param, `must be between ${minimum} and ${maximum}.`);
  }
  return value;
}

export function readArray(value: unknown, param: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(param, 'must be an array.');
  return value;
}
