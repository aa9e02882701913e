/**
 * Hand-written field checks shared by the dialect parsers. They run on every
 * request, so they read fields directly instead of going through a schema
 * library; a message is formatted only when a check fails, and it never
 * echoes the caller's value (it could be a prompt or a key).
 *
 * Each dialect names fields the way its own API does (OpenAI
 * `messages[3].content`, Anthropic `messages.3.content`) and words its errors
 * its own way, so it builds its checks once with {@link createRequestChecks}.
 */
import { GatewayError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { isRecord } from './json-value.ts';
import type { JsonObject } from './json-value.ts';

/** The codes a malformed request field can carry. */
export type FieldErrorCode = Extract<
  ErrorCode,
  'invalid_request' | 'too_many_messages' | 'invalid_tool_schema'
>;

/** Words the error for one field from its path and a problem such as "must be a string.". */
export type FieldMessageFormat = (param: string, problem: string) => string;

/**
 * Every `read…` throws {@link RequestChecks.invalid} for `param` when the value
 * does not pass; `readOptional…` return `undefined` for an absent or `null`
 * field (JSON clients send either for "not given").
 */
export interface RequestChecks {
  /** A caller error for one request field; `param` is also set on the error. */
  readonly invalid: (param: string, problem: string, code?: FieldErrorCode) => GatewayError;
  /** A string of `minimum`..`maximum` UTF-16 code units. */
  readonly readString: (value: unknown, param: string, maximum: number, minimum?: number) => string;
  readonly readOptionalString: (
    value: unknown,
    param: string,
    maximum: number,
  ) => string | undefined;
  readonly readBoolean: (value: unknown, param: string) => boolean;
  readonly readOptionalBoolean: (value: unknown, param: string) => boolean | undefined;
  /** A finite number in `minimum`..`maximum`. */
  readonly readNumber: (value: unknown, param: string, minimum: number, maximum: number) => number;
  readonly readOptionalNumber: (
    value: unknown,
    param: string,
    minimum: number,
    maximum: number,
  ) => number | undefined;
  /** A safe integer of at least `minimum`. */
  readonly readInteger: (value: unknown, param: string, minimum: number) => number;
  readonly readOptionalInteger: (
    value: unknown,
    param: string,
    minimum: number,
  ) => number | undefined;
  readonly readArray: (value: unknown, param: string) => readonly unknown[];
  readonly readObject: (value: unknown, param: string) => JsonObject;
  readonly readOptionalObject: (value: unknown, param: string) => JsonObject | undefined;
}

export function createRequestChecks(format: FieldMessageFormat): RequestChecks {
  const invalid = (
    param: string,
    problem: string,
    code: FieldErrorCode = 'invalid_request',
  ): GatewayError => new GatewayError(code, format(param, problem), { param });

  const readString = (value: unknown, param: string, maximum: number, minimum = 0): string => {
    if (typeof value !== 'string') throw invalid(param, 'must be a string.');
    if (value.length < minimum) {
      throw invalid(
        param,
        minimum === 1 ? 'must not be empty.' : `must be at least ${minimum} characters.`,
      );
    }
    if (value.length > maximum) throw invalid(param, `must be at most ${maximum} characters.`);
    return value;
  };

  const readBoolean = (value: unknown, param: string): boolean => {
    if (typeof value !== 'boolean') throw invalid(param, 'must be a boolean.');
    return value;
  };

  const readNumber = (value: unknown, param: string, minimum: number, maximum: number): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(param, 'must be a number.');
    }
    if (value < minimum || value > maximum) {
      throw invalid(param, `must be between ${minimum} and ${maximum}.`);
    }
    return value;
  };

  const readInteger = (value: unknown, param: string, minimum: number): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
      throw invalid(
        param,
        minimum === 0
          ? 'must be a non-negative integer.'
          : minimum === 1
            ? 'must be a positive integer.'
            : `must be an integer of at least ${minimum}.`,
      );
    }
    return value;
  };

  const readObject = (value: unknown, param: string): JsonObject => {
    if (!isRecord(value)) throw invalid(param, 'must be an object.');
    return value;
  };

  return {
    invalid,
    readString,
    readOptionalString: (value, param, maximum) =>
      isAbsent(value) ? undefined : readString(value, param, maximum),
    readBoolean,
    readOptionalBoolean: (value, param) =>
      isAbsent(value) ? undefined : readBoolean(value, param),
    readNumber,
    readOptionalNumber: (value, param, minimum, maximum) =>
      isAbsent(value) ? undefined : readNumber(value, param, minimum, maximum),
    readInteger,
    readOptionalInteger: (value, param, minimum) =>
      isAbsent(value) ? undefined : readInteger(value, param, minimum),
    readArray: (value, param) => {
      if (!Array.isArray(value)) throw invalid(param, 'must be an array.');
      const items: readonly unknown[] = value;
      return items;
    },
    readObject,
    readOptionalObject: (value, param) => (isAbsent(value) ? undefined : readObject(value, param)),
  };
}

/** `undefined` or `null`: "not given" in both dialects. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
