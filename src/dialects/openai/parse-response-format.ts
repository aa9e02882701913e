/**
 * `response_format` of an OpenAI Chat Completions request: `text`,
 * `json_object` or `json_schema` (Structured Outputs).
 */
import type { ResponseFormat } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import { invalid, readBoolean, readString } from './request-checks.ts';
import { TOOL_NAME_PATTERN } from './parse-tools.ts';

export function parseOpenAiResponseFormat(
  value: unknown,
  limits: RequestLimits,
): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid('response_format', 'must be an object.');
  switch (value.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema':
      return parseJsonSchema(value.json_schema, limits);
    default:
      throw invalid('response_format.type', "must be 'text', 'json_object' or 'json_schema'.");
  }
}

function parseJsonSchema(value: unknown, limits: RequestLimits): ResponseFormat {
  const param = 'response_format.json_schema';
  if (!isRecord(value)) throw invalid(param, 'must be an object.');
  const name = value.name;
  // Same rule as function names (API reference, `json_schema.name`).
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    throw invalid(`${param}.name`, 'must be 1 to 64 letters, digits, underscores or dashes.');
  }
  const schema = value.schema ?? {};
  if (!isRecord(schema)) throw invalid(`${param}.schema`, 'must be an object.');
  const format: {
    type: 'json_schema';
    name: string;
    schema: Readonly<Record<string, unknown>>;
    strict?: boolean;
    description?: string;
  } = { type: 'json_schema', name, schema };
  if (value.strict !== undefined && value.strict !== null) {
    format.strict = readBoolean(value.strict, `${param}.strict`);
  }
  if (value.description !== undefined && value.description !== null) {
    format.description = readString(
      value.description,
      `${param}.description`,
      limits.maxStringLength,
    );
  }
  return format;
}
