/**
 * Canonical call → OpenAI Chat Completions request body, for OpenAI itself
 * and any OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio) or
 * Azure OpenAI.
 *
 * Choices made for compatibility:
 * - Max tokens go out as `max_tokens`, which every compatible server reads;
 *   only when an OpenAI-dialect caller used `max_completion_tokens` (kept as a
 *   passthrough marker, and required by OpenAI's reasoning models) is that
 *   name used, always with the canonical value.
 * - `tool_choice` and `parallel_tool_calls` are sent only with tools: OpenAI
 *   rejects them otherwise.
 * - `metadata` and passthrough fields are sent only when the caller spoke this
 *   dialect: OpenAI accepts `metadata` only alongside `store`, which a
 *   translated call cannot have set, and passthrough fields mean nothing to it.
 *   Passthrough is laid down first, so it can never override a modelled field.
 * - Streaming always asks for `stream_options.include_usage`: the gateway
 *   needs usage for the audit log; the client's encoder decides what it sees.
 */
import type { ChatCall, ResponseFormat, ToolChoice, ToolDefinition } from '../../chat/types.ts';
import type {
  OpenAiResponseFormat,
  OpenAiTool,
  OpenAiToolChoice,
} from '../../dialects/openai/wire-types.ts';
import type { Target } from '../types.ts';
import { toOpenAiMessages } from './to-openai-messages.ts';

export interface BodyOptions {
  /** Azure takes the deployment from the URL and no `model` in the body. */
  readonly includeModel: boolean;
}

export function buildOpenAiBody(
  call: ChatCall,
  target: Target,
  options: BodyOptions,
): Record<string, unknown> {
  const sameDialect = call.dialect === 'openai';
  const body: Record<string, unknown> = {};
  let useCompletionTokens = false;
  if (sameDialect) {
    // Copied key by key (no `delete`, which would slow the object down for JSON.stringify).
    for (const key in call.passthrough) {
      // A `__proto__` key would replace the body's prototype when assigned: it is never forwarded.
      if (key === 'max_completion_tokens') useCompletionTokens = true;
      else if (key !== '__proto__') body[key] = call.passthrough[key];
    }
  }
  if (options.includeModel) body.model = target.model;
  body.messages = toOpenAiMessages(call.messages);
  if (call.tools.length > 0) {
    body.tools = call.tools.map(toOpenAiTool);
    if (call.toolChoice !== undefined) body.tool_choice = toOpenAiToolChoice(call.toolChoice);
    if (call.parallelToolCalls !== undefined) body.parallel_tool_calls = call.parallelToolCalls;
  }
  if (call.responseFormat !== undefined) {
    body.response_format = toOpenAiResponseFormat(call.responseFormat);
  }
  if (call.maxTokens !== undefined) {
    body[useCompletionTokens ? 'max_completion_tokens' : 'max_tokens'] = call.maxTokens;
  }
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.topP !== undefined) body.top_p = call.topP;
  if (call.stop.length > 0) body.stop = call.stop;
  if (call.user !== undefined) body.user = call.user;
  if (sameDialect && call.metadata !== undefined) body.metadata = call.metadata;
  body.stream = call.stream;
  if (call.stream) body.stream_options = { include_usage: true };
  return body;
}

function toOpenAiTool(tool: ToolDefinition): OpenAiTool {
  const definition: OpenAiTool['function'] = { name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  definition.parameters = tool.parameters;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  return { type: 'function', function: definition };
}

function toOpenAiToolChoice(choice: ToolChoice): OpenAiToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

function toOpenAiResponseFormat(format: ResponseFormat): OpenAiResponseFormat {
  switch (format.type) {
    case 'text':
    case 'json_object':
      return { type: format.type };
    case 'json_schema': {
      const schema: Extract<OpenAiResponseFormat, { type: 'json_schema' }>['json_schema'] = {
        name: format.name,
        schema: format.schema,
      };
      if (format.description !== undefined) schema.description = format.description;
      if (format.strict !== undefined) schema.strict = format.strict;
      return { type: 'json_schema', json_schema: schema };
    }
  }
}
