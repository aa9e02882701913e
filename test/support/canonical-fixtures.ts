/**
 * Builders of canonical values for the wire-format tests: a minimal
 * `ChatCall`, `ChatResult` and provider `Target`s, each overridable field by
 * field, so a test states only what it is about.
 */
import type { ChatCall, ChatResult, UserMessage } from '../../src/chat/types.ts';
import { Secret } from '../../src/config/secret.ts';
import type { ResolvedProvider, Target } from '../../src/providers/types.ts';

/** A user message of one text part. */
export function userText(text: string): UserMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

/** A non-streaming OpenAI-dialect call for alias `alias` saying "hi", with `overrides` applied. */
export function chatCall(overrides: Partial<ChatCall> = {}): ChatCall {
  return {
    dialect: 'openai',
    model: 'alias',
    messages: [userText('hi')],
    tools: [],
    stop: [],
    stream: false,
    includeUsage: false,
    passthrough: {},
    ...overrides,
  };
}

/** A plain stopped answer with one token each way, with `overrides` applied. */
export function chatResult(overrides: Partial<ChatResult> = {}): ChatResult {
  return {
    id: 'msg_1',
    model: 'model-1',
    content: [],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1 },
    ...overrides,
  };
}

type TargetFields = Partial<Omit<Target, 'provider'>>;

const OPENAI_TARGET: Target = {
  id: 'openai/gpt-4o',
  provider: {
    name: 'openai',
    kind: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    apiKey: new Secret('sk-test-key', 'env:OPENAI_API_KEY'),
    headers: {},
    connections: 8,
  },
  model: 'gpt-4o',
  timeoutMs: 60_000,
  defaultMaxTokens: 4096,
  regions: {},
};

const ANTHROPIC_TARGET: Target = {
  id: 'anthropic/claude-haiku-5-5',
  provider: {
    name: 'anthropic',
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.test',
    apiKey: new Secret('sk-ant-secret', 'env:ANTHROPIC_API_KEY'),
    headers: {},
    connections: 10,
  },
  model: 'claude-haiku-5-5',
  timeoutMs: 30_000,
  defaultMaxTokens: 1024,
  regions: {},
};

function withOverrides(
  base: Target,
  provider: Partial<ResolvedProvider>,
  fields: TargetFields,
): Target {
  return { ...base, ...fields, provider: { ...base.provider, ...provider } };
}

/** `openai/gpt-4o` at api.openai.com with key `sk-test-key`. */
export function openAiTarget(
  provider: Partial<ResolvedProvider> = {},
  fields: TargetFields = {},
): Target {
  return withOverrides(OPENAI_TARGET, provider, fields);
}

/** `anthropic/claude-haiku-5-5` at api.anthropic.test with key `sk-ant-secret`, 1024 default max tokens. */
export function anthropicTarget(
  provider: Partial<ResolvedProvider> = {},
  fields: TargetFields = {},
): Target {
  return withOverrides(ANTHROPIC_TARGET, provider, fields);
}

/** The same target with no API key configured (a keyless local server). */
export function withoutApiKey(target: Target): Target {
  const provider: { -readonly [K in keyof ResolvedProvider]?: ResolvedProvider[K] } = {
    ...target.provider,
  };
  delete provider.apiKey;
  return { ...target, provider: provider as ResolvedProvider };
}
