/**
 * `tools` and `tool_choice` of a Messages request
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use).
 *
 * Only custom tools are accepted. Server tools (`web_search_20250305`,
 * `bash_20250124`, `text_editor_*`, `code_execution_*`, …) run inside
 * Anthropic, out of reach of the gateway's policy and audit, and no other
 * provider can serve them, so they are rejected with a clear message.
 */
import type { ToolChoice, ToolDefinition } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import { readCacheControl } from './parse-cache-control.ts';
import { invalid, readArray, readOptionalBoolean, readOptionalString } from './request-checks.ts';

/** Anthropic's rule for tool names. Linear: one character class, bounded. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

export function parseTools(value: unknown, limits: RequestLimits): readonly ToolDefinition[] {
  if (value === undefined || value === null) return [];
  const list = readArray(value, 'tools');
  if (list.length > limits.maxTools) {
    // Same codes as the OpenAI dialect (docs/errors.md): a count limit is
    // too_many_messages; anything wrong with one tool is invalid_tool_schema.
    throw invalid('tools', `must contain at most ${limits.maxTools} tools.`, 'too_many_messages');
  }
  const tools: ToolDefinition[] = [];
  const names = new Set<string>();
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    const param = `tools.${index}`;
    if (!isRecord(item)) throw invalid(param, 'must be an object.', 'invalid_tool_schema');
    if (item.type !== undefined && item.type !== null && item.type !== 'custom') {
      throw invalid(
        `${param}.type`,
        'server tools are not supported by this gateway; define a custom tool with name, description and input_schema.',
        'invalid_tool_schema',
      );
    }
    const name = readToolName(item.name, `${param}.name`, 'invalid_tool_schema');
    if (names.has(name)) {
      throw invalid(`${param}.name`, 'tool names must be unique.', 'invalid_tool_schema');
    }
    names.add(name);
    const description = readOptionalString(
      item.description,
      `${param}.description`,
      limits.maxStringLength,
    );
    const schema = item.input_schema;
    if (!isRecord(schema) || schema.type !== 'object') {
      throw invalid(
        `${param}.input_schema`,
        'must be a JSON Schema object with "type": "object".',
        'invalid_tool_schema',
      );
    }
    const strict = readOptionalBoolean(item.strict, `${param}.strict`);
    const cacheControl = readCacheControl(item.cache_control, `${param}.cache_control`);
    const tool: { -readonly [K in keyof ToolDefinition]: ToolDefinition[K] } = {
      name,
      parameters: schema,
    };
    if (description !== undefined) tool.description = description;
    if (strict !== undefined) tool.strict = strict;
    if (cacheControl !== undefined) tool.cacheControl = cacheControl;
    tools.push(tool);
  }
  return tools;
}

export interface ParsedToolChoice {
  readonly toolChoice: ToolChoice;
  /** `false` when `disable_parallel_tool_use` is true; `undefined` when not given. */
  readonly parallelToolCalls: boolean | undefined;
}

/** `any` is OpenAI's `required`; the rest keep their names. */
export function parseToolChoice(value: unknown): ParsedToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid('tool_choice', 'must be an object.');
  let toolChoice: ToolChoice;
  switch (value.type) {
    case 'auto':
      toolChoice = { type: 'auto' };
      break;
    case 'any':
      toolChoice = { type: 'required' };
      break;
    case 'none':
      return { toolChoice: { type: 'none' }, parallelToolCalls: undefined };
    case 'tool':
      toolChoice = { type: 'tool', name: readToolName(value.name, 'tool_choice.name') };
      break;
    default:
      throw invalid('tool_choice.type', 'must be "auto", "any", "tool" or "none".');
  }
  const disable = readOptionalBoolean(
    value.disable_parallel_tool_use,
    'tool_choice.disable_parallel_tool_use',
  );
  return { toolChoice, parallelToolCalls: disable === undefined ? undefined : !disable };
}

function readToolName(
  value: unknown,
  param: string,
  code: 'invalid_request' | 'invalid_tool_schema' = 'invalid_request',
): string {
  if (typeof value !== 'string' || !TOOL_NAME.test(value)) {
    throw invalid(param, 'must be 1 to 128 characters of letters, digits, "_" or "-".', code);
  }
  return value;
}
