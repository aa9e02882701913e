/**
 * Parses an OpenAI Chat Completions request body (`POST /v1/chat/completions`)
 * into the canonical {@link ChatCall}. Hand-written (no schema library) since
 * it runs on every request; every modelled field is type- and range-checked
 * and every failure names the field in `param`, as OpenAI does.
 *
 * Fields the gateway does not model (`seed`, `logprobs`, `presence_penalty`,
 * `reasoning_effort`, vendor extensions of compatible servers, …) are kept in
 * `passthrough` and forwarded only to a provider that speaks this dialect.
 */
import type { ChatCall } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { GatewayError } from '../../errors.ts';
import { isJsonValue, isRecord } from '../shared/json-value.ts';
import type { JsonObject } from '../shared/json-value.ts';
import { rejectOutOfGatewayFields } from '../shared/out-of-gateway-fields.ts';
import type { OutOfGatewayFields } from '../shared/out-of-gateway-fields.ts';
import { parseOpenAiMessages, MAX_IDENTIFIER_LENGTH } from './parse-messages.ts';
import { parseOpenAiResponseFormat } from './parse-response-format.ts';
import { parseOpenAiToolChoice, parseOpenAiTools } from './parse-tools.ts';
import {
  invalid,
  readArray,
  readObject,
  readOptionalBoolean,
  readOptionalInteger,
  readOptionalNumber,
  readOptionalObject,
  readOptionalString,
  readString,
} from './request-checks.ts';

export const MAX_MODEL_LENGTH = 256;
/** OpenAI's metadata limits (API reference, `metadata`): 16 pairs, 64-char keys, 512-char values. */
const MAX_METADATA_PAIRS = 16;
const MAX_METADATA_KEY_LENGTH = 64;
const MAX_METADATA_VALUE_LENGTH = 512;

/**
 * Fields that make the provider act outside the gateway (see
 * `out-of-gateway-fields.ts`). `web_search_options` has OpenAI's search
 * models fetch the web and answer from it. Chat Completions has no MCP or
 * code-execution fields (those are Responses API tools); hosted tool types
 * other than `function` are already rejected in `parse-tools.ts`.
 */
const OUT_OF_GATEWAY_FIELDS: OutOfGatewayFields = new Map([
  [
    'web_search_options',
    "is not supported through the gateway: the provider's web search runs outside the gateway's policy and audit.",
  ],
]);

type MutableCall = { -readonly [K in keyof ChatCall]: ChatCall[K] };

export function parseOpenAiRequest(body: unknown, limits: RequestLimits): ChatCall {
  if (!isRecord(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  rejectOutOfGatewayFields(body, OUT_OF_GATEWAY_FIELDS, invalid);
  if (body.model === undefined || body.model === null) throw invalid('model', 'is required.');
  const model = readString(body.model, 'model', MAX_MODEL_LENGTH, 1);
  const messages = parseOpenAiMessages(body.messages, limits);
  const tools = parseOpenAiTools(body.tools, limits);
  const streamOptions = readOptionalObject(body.stream_options, 'stream_options');
  const includeUsage =
    streamOptions === undefined
      ? undefined
      : readOptionalBoolean(streamOptions.include_usage, 'stream_options.include_usage');
  const call: MutableCall = {
    dialect: 'openai',
    model,
    messages,
    tools,
    stop: parseStop(body.stop, limits),
    stream: readOptionalBoolean(body.stream, 'stream') ?? false,
    includeUsage: includeUsage ?? false,
    passthrough: {},
  };
  const toolChoice = parseOpenAiToolChoice(body.tool_choice, tools);
  if (toolChoice !== undefined) call.toolChoice = toolChoice;
  const parallel = readOptionalBoolean(body.parallel_tool_calls, 'parallel_tool_calls');
  if (parallel !== undefined) call.parallelToolCalls = parallel;
  const responseFormat = parseOpenAiResponseFormat(body.response_format, limits);
  if (responseFormat !== undefined) call.responseFormat = responseFormat;
  // `max_completion_tokens` replaced `max_tokens` (reasoning models reject the old one); it wins when both are set.
  const maxCompletionTokens = readOptionalInteger(
    body.max_completion_tokens,
    'max_completion_tokens',
    1,
  );
  const maxTokens = maxCompletionTokens ?? readOptionalInteger(body.max_tokens, 'max_tokens', 1);
  if (maxTokens !== undefined) call.maxTokens = maxTokens;
  const temperature = readOptionalNumber(body.temperature, 'temperature', 0, 2);
  if (temperature !== undefined) call.temperature = temperature;
  const topP = readOptionalNumber(body.top_p, 'top_p', 0, 1);
  if (topP !== undefined) call.topP = topP;
  const user = readOptionalString(body.user, 'user', MAX_IDENTIFIER_LENGTH);
  if (user !== undefined) call.user = user;
  const metadata = parseMetadata(body.metadata);
  if (metadata !== undefined) call.metadata = metadata;
  call.passthrough = collectPassthrough(body, maxCompletionTokens);
  return call;
}

function parseStop(value: unknown, limits: RequestLimits): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [readStop(value, 'stop')];
  const raw = readArray(value, 'stop');
  if (raw.length > limits.maxStopSequences) {
    throw invalid('stop', `must contain at most ${limits.maxStopSequences} sequences.`);
  }
  const stop: string[] = [];
  for (let index = 0; index < raw.length; index++)
    stop.push(readStop(raw[index], `stop[${index}]`));
  return stop;
}

function readStop(value: unknown, param: string): string {
  // Stop sequences are short by nature; the identifier cap bounds them.
  return readString(value, param, MAX_IDENTIFIER_LENGTH, 1);
}

function parseMetadata(value: unknown): Readonly<Record<string, string>> | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = readObject(value, 'metadata');
  // Entries, not assignment: a `__proto__` key from JSON stays a plain key.
  const entries: [string, string][] = [];
  for (const key in raw) {
    if (entries.length === MAX_METADATA_PAIRS) {
      throw invalid('metadata', `must have at most ${MAX_METADATA_PAIRS} pairs.`);
    }
    if (key.length > MAX_METADATA_KEY_LENGTH) {
      throw invalid('metadata', `keys must be at most ${MAX_METADATA_KEY_LENGTH} characters.`);
    }
    const entry = raw[key];
    if (typeof entry !== 'string' || entry.length > MAX_METADATA_VALUE_LENGTH) {
      throw invalid(
        'metadata',
        `values must be strings of at most ${MAX_METADATA_VALUE_LENGTH} characters.`,
      );
    }
    entries.push([key, entry]);
  }
  return Object.fromEntries(entries);
}

/**
 * Everything not modelled. `max_completion_tokens` is kept as a marker so a
 * same-dialect provider is sent the same field name (see the OpenAI adapter).
 */
function collectPassthrough(body: JsonObject, maxCompletionTokens: number | undefined): JsonObject {
  // Entries, not assignment: a `__proto__` key from JSON must stay a plain key.
  const entries: [string, unknown][] = [];
  for (const key in body) {
    // Refused earlier unless `null`; a `null` one is not worth forwarding.
    if (OUT_OF_GATEWAY_FIELDS.has(key)) continue;
    switch (key) {
      case 'model':
      case 'messages':
      case 'tools':
      case 'tool_choice':
      case 'parallel_tool_calls':
      case 'response_format':
      case 'max_tokens':
      case 'max_completion_tokens':
      case 'temperature':
      case 'top_p':
      case 'stop':
      case 'user':
      case 'metadata':
      case 'stream':
      case 'stream_options':
        continue;
      case 'functions':
      case 'function_call':
        throw invalid(key, 'is deprecated and not supported; use tools and tool_choice.');
      case 'n':
        // The canonical model has one choice; more would be silently dropped.
        if (body.n !== null && body.n !== 1)
          throw invalid('n', 'must be 1: the gateway returns one choice.');
        break;
      default:
        break;
    }
    const value = body[key];
    if (!isJsonValue(value)) throw invalid(key, 'must be a JSON value.');
    entries.push([key, value]);
  }
  if (maxCompletionTokens !== undefined)
    entries.push(['max_completion_tokens', maxCompletionTokens]);
  return entries.length === 0 ? EMPTY_PASSTHROUGH : Object.fromEntries(entries);
}

const EMPTY_PASSTHROUGH: JsonObject = Object.freeze({});
