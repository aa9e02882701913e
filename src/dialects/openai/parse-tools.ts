/**
 * `tools` and `tool_choice` of an OpenAI Chat Completions request. Only
 * `function` tools have a canonical form; `custom` tools and the
 * `allowed_tools` choice are rejected with a clear message.
 */
import type { ToolChoice, ToolDefinition } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import { invalid, readArray, readBoolean, readString } from './request-checks.ts';

/** OpenAI's function name rule (API reference, `function.name`). One character class: linear time. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Used when a function declares no `parameters` (OpenAI: "omitting parameters defines a function with an empty parameter list"). */
const EMPTY_PARAMETERS: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  properties: {},
});

export function parseOpenAiTools(value: unknown, limits: RequestLimits): ToolDefinition[] {
  if (value === undefined || value === null) return [];
  const raw = readArray(value, 'tools');
  if (raw.length > limits.maxTools) {
    // A count limit, like maxMessages: same code in both dialects (docs/errors.md).
    throw invalid('tools', `must contain at most ${limits.maxTools} tools.`, 'too_many_messages');
  }
  const tools: ToolDefinition[] = [];
  const names = new Set<string>();
  for (let index = 0; index < raw.length; index++) {
    const tool = parseTool(raw[index], `tools[${index}]`, limits);
    if (names.has(tool.name)) {
      throw invalid(
        `tools[${index}].function.name`,
        "duplicates an earlier tool's name.",
        'invalid_tool_schema',
      );
    }
    names.add(tool.name);
    tools.push(tool);
  }
  return tools;
}

function parseTool(value: unknown, param: string, limits: RequestLimits): ToolDefinition {
  if (!isRecord(value)) throw invalid(param, 'must be an object.', 'invalid_tool_schema');
  if (value.type !== 'function') {
    throw invalid(
      `${param}.type`,
      "must be 'function'; other tool types are not supported.",
      'invalid_tool_schema',
    );
  }
  const definition = value.function;
  if (!isRecord(definition)) {
    throw invalid(`${param}.function`, 'must be an object.', 'invalid_tool_schema');
  }
  const name = definition.name;
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    throw invalid(
      `${param}.function.name`,
      'must be 1 to 64 letters, digits, underscores or dashes.',
      'invalid_tool_schema',
    );
  }
  const tool: { -readonly [K in keyof ToolDefinition]: ToolDefinition[K] } = {
    name,
    parameters: parseParameters(definition.parameters, `${param}.function.parameters`),
  };
  if (definition.description !== undefined && definition.description !== null) {
    tool.description = readString(
      definition.description,
      `${param}.function.description`,
      limits.maxStringLength,
    );
  }
  if (definition.strict !== undefined && definition.strict !== null) {
    tool.strict = readBoolean(definition.strict, `${param}.function.strict`);
  }
  return tool;
}

function parseParameters(value: unknown, param: string): Readonly<Record<string, unknown>> {
  if (value === undefined || value === null) return EMPTY_PARAMETERS;
  if (!isRecord(value)) {
    throw invalid(param, 'must be a JSON Schema object.', 'invalid_tool_schema');
  }
  if (value.type !== undefined && value.type !== 'object') {
    throw invalid(`${param}.type`, "must be 'object'.", 'invalid_tool_schema');
  }
  return value;
}

export function parseOpenAiToolChoice(
  value: unknown,
  tools: readonly ToolDefinition[],
): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  switch (value) {
    case 'auto':
      return { type: 'auto' };
    case 'none':
      return { type: 'none' };
    case 'required':
      if (tools.length === 0) {
        throw invalid('tool_choice', "'required' needs at least one tool in tools.");
      }
      return { type: 'required' };
    default:
      break;
  }
  if (!isRecord(value) || value.type !== 'function') {
    throw invalid(
      'tool_choice',
      "must be 'auto', 'none', 'required' or {type: 'function', function: {name}}.",
    );
  }
  const chosen = value.function;
  if (!isRecord(chosen) || typeof chosen.name !== 'string') {
    throw invalid('tool_choice.function.name', 'must be a string.');
  }
  const name = chosen.name;
  if (!tools.some((tool) => tool.name === name)) {
    throw invalid('tool_choice.function.name', 'must name a tool in tools.');
  }
  return { type: 'tool', name };
}
