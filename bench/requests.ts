/**
 * The request bodies the benchmark sends: a short chat request of a typical
 * shape (system + user message), to the gateway alias or, for the direct
 * baseline, straight to the fake upstream's model name.
 */

const MESSAGES = [
  { role: 'system', content: 'You are a concise assistant.' },
  { role: 'user', content: 'Summarise the benefits of connection pooling in one sentence.' },
];

export function chatBody(model: string, stream: boolean): string {
  return JSON.stringify({ model, messages: MESSAGES, ...(stream ? { stream: true } : {}) });
}

/** The model names: through the gateway an alias, directly the upstream's own model. */
export const MODELS = { gateway: 'bench', slow: 'bench-slow', direct: 'gpt-4o-mini' } as const;

export const CHAT_PATH = '/v1/chat/completions';
