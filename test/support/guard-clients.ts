/**
 * Official SDK clients for the guard end-to-end tests, and helpers that
 * turn what a call ended with (an answer, an HTTP error, an in-stream error
 * event) into plain data a test can compare.
 */
import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import OpenAI, { APIError as OpenAiApiError } from 'openai';
import type { AuditEntry } from '../../src/store/types.ts';
import type { TestGateway } from './test-gateway.ts';

export function openAiClient(gateway: TestGateway, apiKey: string): OpenAI {
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey, maxRetries: 0 });
}

export function anthropicClient(gateway: TestGateway, apiKey: string): Anthropic {
  return new Anthropic({ baseURL: gateway.url, apiKey, maxRetries: 0 });
}

/** What a failed call showed the caller. */
export interface SeenError {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly message: string;
  /** The whole error body as the SDK kept it, serialised (to check nothing leaked). */
  readonly body: string;
  readonly requestId: string | undefined;
}

export function seenError(error: unknown): SeenError {
  // The SDKs type these loosely (generic parameters default to `any`).
  if (error instanceof OpenAiApiError) {
    const body = error.error as { message?: string } | undefined;
    const headers = error.headers as Headers | undefined;
    return {
      status: error.status as number | undefined,
      code: typeof error.code === 'string' ? error.code : undefined,
      message: body?.message ?? error.message,
      body: JSON.stringify(body ?? null),
      requestId: headers?.get('x-request-id') ?? undefined,
    };
  }
  if (error instanceof AnthropicApiError) {
    const body = error.error as { error?: { code?: string; message?: string } } | undefined;
    const headers = error.headers as Headers | undefined;
    return {
      status: error.status as number | undefined,
      code: body?.error?.code,
      message: body?.error?.message ?? error.message,
      body: JSON.stringify(body ?? null),
      requestId: headers?.get('request-id') ?? undefined,
    };
  }
  throw error;
}

/** Runs `call`, which must fail with an SDK API error, and returns what the caller saw. */
export async function failure(call: () => Promise<unknown>): Promise<SeenError> {
  try {
    await call();
  } catch (error) {
    return seenError(error);
  }
  throw new Error('expected the call to fail');
}

/** Every audit row of the gateway, serialised: for "nothing secret was written" checks. */
export function allAuditText(gateway: TestGateway): string {
  return JSON.stringify(gateway.gateway.store.audit.query({ limit: 10_000 }));
}

/** The `guards` field of an audit entry's data. */
export function guardsOf(entry: AuditEntry): Record<string, unknown> {
  const guards = entry.data['guards'];
  if (guards === null || typeof guards !== 'object') throw new Error('no guards field');
  return guards as Record<string, unknown>;
}
