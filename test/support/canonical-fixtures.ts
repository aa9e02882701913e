/**
 * Builders of canonical values for the wire-format tests: a minimal
 * `ChatCall` and provider `Target`s, each overridable field by field, so a
 * test states only what it is about.
 */
import type { ChatCall, UserMessage } from '../../src/chat/types.ts';
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

type TargetFields = Partial<Omit<Target, 'provider'>>;

/** `openai/gpt-4o` at api.openai.com with key `sk-test-key`. */
export function openAiTarget(
  provider: Partial<ResolvedProvider> = {},
  fields: TargetFields = {},
): Target {
  return {
    id: 'openai/gpt-4o',
    provider: {
      name: 'openai',
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: new Secret('sk-test-key', 'env:OPENAI_API_KEY'),
      headers: {},
      connections: 8,
      ...provider,
    },
    model: 'gpt-4o',
    timeoutMs: 60_000,
    defaultMaxTokens: 4096,
    regions: {},
    ...fields,
  };
}

/** `anthropic/claude-haiku-5-5` at api.anthropic.test with key `sk-ant-secret`, 1024 default max tokens. */
export function anthropicTarget(
  provider: Partial<ResolvedProvider> = {},
  fields: TargetFields = {},
): Target {
  return {
    id: 'anthropic/claude-haiku-5-5',
    provider: {
      name: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.test',
      apiKey: new Secret('sk-ant-secret', 'env:ANTHROPIC_API_KEY'),
      headers: {},
      connections: 10,
      ...provider,
    },
    model: 'claude-haiku-5-5',
    timeoutMs: 30_000,
    defaultMaxTokens: 1024,
    regions: {},
    ...fields,
  };
}

/** The same target with no API key configured (a keyless local server). */
export function withoutApiKey(target: Target): Target {
  const { apiKey: _omitted, ...provider } = target.provider;
  return { ...target, provider };
}
