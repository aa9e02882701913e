/** Small helpers around the `openai` client for end-to-end tests. */
import type OpenAI from 'openai';
import { APIError } from 'openai';
import type { FakeUpstream } from './fake-upstream-types.ts';

/** A failing OpenAI-dialect call: the SDK's error, the request id it carries, and how long it took. */
export async function askFailing(client: OpenAI, model: string) {
  const started = performance.now();
  const thrown: unknown = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Hello' }] })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  if (!isApiError(thrown)) throw new Error('expected the gateway to answer with an error');
  return {
    error: thrown,
    requestId: thrown.headers?.get('x-request-id') ?? '',
    elapsedMs: performance.now() - started,
  };
}

/** `instanceof` alone would leave the error's type parameters `any`. */
export function isApiError(value: unknown): value is APIError {
  return value instanceof APIError;
}

/** The upstream model named by each request a fake received, in order. */
export const modelsSent = (fake: FakeUpstream): unknown[] =>
  fake.requests.map((request) => (request.body as { model?: unknown }).model);
