/**
 * A Messages API request (`POST /v1/messages`) → the canonical ChatCall.
 *
 * Hand-written validation (hot path, no schema library) of the fields the
 * gateway models; fields that would have Anthropic act outside the gateway
 * are refused (see {@link OUT_OF_GATEWAY_FIELDS}); every other field
 * (`top_k`, `thinking`, `service_tier`, `output_config`,
 * `context_management`, …, and unknown ones) is kept in `passthrough`, and
 * the `anthropic-beta` header in `passthroughHeaders`, both forwarded only to
 * an Anthropic upstream. Reference: https://docs.anthropic.com/en/api/messages
 */
import type { ChatCall, ChatMessage, ToolChoice, ToolDefinition } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { GatewayError } from '../../errors.ts';
import { parseMessages, parseSystem } from './parse-messages.ts';
import { parseToolChoice, parseTools } from './parse-tools.ts';
import type { ParsedToolChoice } from './parse-tools.ts';
import { isRecord } from '../shared/json-value.ts';
import { rejectOutOfGatewayFields } from '../shared/out-of-gateway-fields.ts';
import type { OutOfGatewayFields } from '../shared/out-of-gateway-fields.ts';
import { ANTHROPIC_BETA_HEADER, readAnthropicBeta } from './anthropic-beta.ts';
import {
  invalid,
  readArray,
  readInteger,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalString,
  readString,
} from './request-checks.ts';

const MAX_MODEL_LENGTH = 256;
/** Anthropic's own limit on `metadata.user_id`. */
const MAX_USER_ID_LENGTH = 256;

/**
 * Fields that make Anthropic act outside the gateway (see
 * `out-of-gateway-fields.ts`):
 * - `mcp_servers` (MCP connector): Anthropic connects to remote MCP servers
 *   and calls their tools itself, unseen by the gateway's tool policy;
 * - `container`: the code-execution container (and Agent Skills) that
 *   Anthropic's server tools run code in.
 * Server tools themselves (web search and fetch, code execution, bash,
 * computer use, text editor) are refused in `parse-tools.ts`.
 */
const OUT_OF_GATEWAY_FIELDS: OutOfGatewayFields = new Map([
  ['mcp_servers', "is not supported through the gateway; use the gateway's MCP support."],
  [
    'container',
    "is not supported through the gateway: code execution runs outside the gateway's policy and audit.",
  ],
]);

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The request headers the Anthropic dialect reads, as Node delivers them. */
export interface AnthropicRequestHeaders {
  /** `request.headers['anthropic-beta']`. */
  readonly anthropicBeta?: string | readonly string[] | undefined;
}

export function parseAnthropicRequest(
  body: unknown,
  limits: RequestLimits,
  headers: AnthropicRequestHeaders = {},
): ChatCall {
  if (!isRecord(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  rejectOutOfGatewayFields(body, OUT_OF_GATEWAY_FIELDS, invalid);
  const passthrough: Record<string, unknown> = {};
  let hasPassthrough = false;
  for (const key in body) {
    if (!Object.hasOwn(body, key) || isModelledField(key) || OUT_OF_GATEWAY_FIELDS.has(key)) {
      continue;
    }
    // `__proto__` would set the prototype of the passthrough object; no API field has that name.
    if (key === '__proto__') continue;
    passthrough[key] = body[key];
    hasPassthrough = true;
  }

  const model = readString(body.model, 'model', MAX_MODEL_LENGTH, 1);
  const maxTokens = readMaxTokens(body.max_tokens);
  const system = parseSystem(body.system, 'system', limits);
  const messages: readonly ChatMessage[] = parseMessages(body.messages, system, limits);
  const tools: readonly ToolDefinition[] = parseTools(body.tools, limits);
  const choice: ParsedToolChoice | undefined = parseToolChoice(body.tool_choice);
  const stop = readStopSequences(body.stop_sequences, limits);
  const temperature = readOptionalNumber(body.temperature, 'temperature', 0, 1);
  const topP = readOptionalNumber(body.top_p, 'top_p', 0, 1);
  const user = readUser(body.metadata);
  const stream = readOptionalBoolean(body.stream, 'stream') ?? false;
  const betas = readAnthropicBeta(headers.anthropicBeta);

  const call: Writable<ChatCall> = {
    dialect: 'anthropic',
    model,
    messages,
    tools,
    stop,
    stream,
    // Anthropic streams always report usage (message_start / message_delta).
    includeUsage: true,
    maxTokens,
    passthrough: hasPassthrough ? passthrough : EMPTY_PASSTHROUGH,
  };
  if (choice !== undefined) {
    const toolChoice: ToolChoice = choice.toolChoice;
    call.toolChoice = toolChoice;
    if (choice.parallelToolCalls !== undefined) call.parallelToolCalls = choice.parallelToolCalls;
  }
  if (temperature !== undefined) call.temperature = temperature;
  if (topP !== undefined) call.topP = topP;
  if (user !== undefined) call.user = user;
  if (betas !== undefined) call.passthroughHeaders = { [ANTHROPIC_BETA_HEADER]: betas };
  return call;
}

const EMPTY_PASSTHROUGH: Readonly<Record<string, unknown>> = Object.freeze({});

function isModelledField(key: string): boolean {
  switch (key) {
    case 'model':
    case 'max_tokens':
    case 'messages':
    case 'system':
    case 'tools':
    case 'tool_choice':
    case 'stop_sequences':
    case 'temperature':
    case 'top_p':
    case 'metadata':
    case 'stream':
      return true;
    default:
      return false;
  }
}

/**
 * Required, as in the API. `0` is valid: current API versions use it to
 * pre-warm the prompt cache without generating (SDK `max_tokens` docs).
 */
function readMaxTokens(value: unknown): number {
  if (value === undefined || value === null) throw invalid('max_tokens', 'is required.');
  return readInteger(value, 'max_tokens', 0);
}

function readStopSequences(value: unknown, limits: RequestLimits): readonly string[] {
  if (value === undefined || value === null) return [];
  const list = readArray(value, 'stop_sequences');
  if (list.length > limits.maxStopSequences) {
    throw invalid('stop_sequences', `must contain at most ${limits.maxStopSequences} sequences.`);
  }
  const stop: string[] = [];
  for (let index = 0; index < list.length; index++) {
    stop.push(readString(list[index], `stop_sequences.${index}`, limits.maxStringLength, 1));
  }
  return stop;
}

/** `metadata` holds only `user_id` in the API; other keys are rejected there too. */
function readUser(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid('metadata', 'must be an object.');
  for (const key in value) {
    if (Object.hasOwn(value, key) && key !== 'user_id') {
      throw invalid('metadata', 'only "user_id" is allowed.');
    }
  }
  return readOptionalString(value.user_id, 'metadata.user_id', MAX_USER_ID_LENGTH);
}
