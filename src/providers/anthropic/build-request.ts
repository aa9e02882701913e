/**
 * ChatCall → a Messages API request for one target
 * (https://docs.anthropic.com/en/api/messages).
 *
 * Translation choices, for calls from either dialect:
 * - `max_tokens` is required by the API: the caller's, else the target's default.
 * - `temperature` is clamped to Anthropic's 0..1 (OpenAI allows 0..2); not
 *   rescaled, so values a caller tuned for 0..1 keep their meaning.
 * - `responseFormat` has no portable Anthropic field, so it becomes a short
 *   system instruction appended after the caller's own system text.
 * - Tool `strict` is forwarded only for Anthropic callers: OpenAI's strict
 *   mode has other schema rules, and not every Claude model supports it.
 * - `user` → `metadata.user_id`; canonical `metadata` (OpenAI's) is dropped,
 *   as Anthropic's `metadata` accepts nothing else.
 * - `passthrough` is sent only when the caller spoke Anthropic; modelled
 *   fields are written after it and win. Likewise the caller's
 *   `anthropic-beta` header (`passthroughHeaders`), joined to any betas the
 *   provider config sets; no other caller header is ever forwarded.
 * - `cacheControl` on system text, blocks and tools becomes `cache_control`
 *   for callers of either dialect (see `build-messages.ts`).
 * - API version 2026-10-21 removed `temperature`, `top_p` and `top_k` (a
 *   request with any of them is a 400, even at default values), so they are
 *   dropped when the provider is configured for that version or later.
 *   The default version, 2023-06-01, still accepts them.
 */
import type {
  ChatCall,
  ResponseFormat,
  TextPart,
  ToolChoice,
  ToolDefinition,
} from '../../chat/types.ts';
import { ANTHROPIC_BETA_HEADER } from '../../dialects/anthropic/anthropic-beta.ts';
import type { Target, UpstreamRequest } from '../types.ts';
import { buildAnthropicMessages, textBlock, withCacheControl } from './build-messages.ts';

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

export function buildAnthropicRequest(call: ChatCall, target: Target): UpstreamRequest {
  const provider = target.provider;
  const version = provider.apiVersion ?? DEFAULT_ANTHROPIC_VERSION;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': version,
  };
  // Lowercased, so the caller's betas below join the provider's whatever case its config used.
  for (const name in provider.headers)
    headers[name.toLowerCase()] = provider.headers[name] as string;
  const betas =
    call.dialect === 'anthropic' ? call.passthroughHeaders?.[ANTHROPIC_BETA_HEADER] : undefined;
  if (betas !== undefined)
    headers[ANTHROPIC_BETA_HEADER] = joinBetas(headers[ANTHROPIC_BETA_HEADER], betas);
  const apiKey = provider.apiKey?.reveal();
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;

  const sampling = acceptsSamplingParameters(version);
  const body: Record<string, unknown> = call.dialect === 'anthropic' ? { ...call.passthrough } : {};
  if (!sampling) delete body.top_k;
  const built = buildAnthropicMessages(call.messages);
  const instruction = responseFormatInstruction(call.responseFormat);
  if (instruction !== undefined) built.system.push({ type: 'text', text: instruction });

  body.model = target.model;
  body.max_tokens = call.maxTokens ?? target.defaultMaxTokens;
  const system = systemField(built.system);
  if (system !== undefined) body.system = system;
  body.messages = built.messages;
  if (call.tools.length > 0) {
    const forwardStrict = call.dialect === 'anthropic';
    body.tools = call.tools.map((tool) => anthropicTool(tool, forwardStrict));
    const toolChoice = anthropicToolChoice(call.toolChoice, call.parallelToolCalls);
    if (toolChoice !== undefined) body.tool_choice = toolChoice;
  }
  if (call.stop.length > 0) body.stop_sequences = call.stop;
  if (sampling) {
    if (call.temperature !== undefined) body.temperature = Math.min(call.temperature, 1);
    if (call.topP !== undefined) body.top_p = call.topP;
  }
  if (call.user !== undefined) body.metadata = { user_id: call.user };
  if (call.stream) body.stream = true;

  return {
    url: `${provider.baseUrl}/v1/messages`,
    headers,
    body: JSON.stringify(body),
  };
}

/** One string when it can be (every API version takes it), text blocks when a block is cached. */
function systemField(parts: readonly TextPart[]): string | Record<string, unknown>[] | undefined {
  const [first] = parts;
  if (first === undefined) return undefined;
  if (parts.length === 1 && first.cacheControl === undefined) return first.text;
  return parts.map(textBlock);
}

function anthropicTool(tool: ToolDefinition, forwardStrict: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) wire.description = tool.description;
  wire.input_schema = tool.parameters;
  if (forwardStrict && tool.strict !== undefined) wire.strict = tool.strict;
  return withCacheControl(wire, tool.cacheControl);
}

/** The provider's configured betas first, then the caller's, without repeats. */
function joinBetas(configured: string | undefined, requested: string): string {
  if (configured === undefined || configured.trim() === '') return requested;
  const names = configured.split(',').map((name) => name.trim());
  for (const name of requested.split(',')) if (!names.includes(name)) names.push(name);
  return names.filter((name) => name !== '').join(',');
}

/** The first API version without `temperature`, `top_p` and `top_k`. */
const SAMPLING_REMOVED_IN = '2026-10-21';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Versions are ISO dates, so they compare as strings; an unknown form is taken as older. */
function acceptsSamplingParameters(version: string): boolean {
  return !ISO_DATE.test(version) || version < SAMPLING_REMOVED_IN;
}

/** `required` is Anthropic's `any`; `parallelToolCalls: false` → `disable_parallel_tool_use`. */
function anthropicToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
): Record<string, unknown> | undefined {
  let wire: Record<string, unknown>;
  switch (choice?.type) {
    case undefined:
      if (parallelToolCalls !== false) return undefined;
      wire = { type: 'auto' };
      break;
    case 'none':
      // `none` takes no other field.
      return { type: 'none' };
    case 'auto':
      wire = { type: 'auto' };
      break;
    case 'required':
      wire = { type: 'any' };
      break;
    case 'tool':
      wire = { type: 'tool', name: choice.name };
      break;
  }
  if (parallelToolCalls === false) wire.disable_parallel_tool_use = true;
  return wire;
}

function responseFormatInstruction(format: ResponseFormat | undefined): string | undefined {
  switch (format?.type) {
    case undefined:
    case 'text':
      return undefined;
    case 'json_object':
      return 'Respond only with a valid JSON object, with no other text before or after it.';
    case 'json_schema':
      return (
        'Respond only with a valid JSON object that conforms to this JSON Schema, ' +
        `with no other text before or after it: ${JSON.stringify(format.schema)}`
      );
  }
}
