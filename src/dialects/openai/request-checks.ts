/**
 * The shared request checks, worded for OpenAI callers: the field in
 * OpenAI's `messages[3].content` form (also set as the error's `param`, as
 * OpenAI does), then the problem (`messages[3].content must be a string.`).
 */
import { createRequestChecks } from '../shared/request-checks.ts';

export const {
  invalid,
  readString,
  readOptionalString,
  readBoolean,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalInteger,
  readArray,
  readObject,
  readOptionalObject,
} = createRequestChecks((param, problem) => `${param} ${problem}`);
