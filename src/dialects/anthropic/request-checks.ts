/**
 * The shared request checks, worded as the Messages API words its own
 * validation errors: the field as a dotted path, a colon, then the problem
 * (`messages.3.content.0.text: must be a string.`).
 */
import { createRequestChecks } from '../shared/request-checks.ts';

export const {
  invalid,
  readString,
  readOptionalString,
  readOptionalBoolean,
  readOptionalNumber,
  readInteger,
  readArray,
  readObject,
} = createRequestChecks((param, problem) => `${param}: ${problem}`);
