/**
 * What a fake upstream provider is made of: its wire format (`FakeWire`),
 * served by the shared plumbing of `fake-upstream-server.ts`. Each provider's
 * fake (`fake-openai-upstream.ts`, `fake-anthropic-upstream.ts`) is one
 * `FakeWire`, written from the provider's API reference.
 */
import type { FakeBehaviour } from './fake-upstream-types.ts';

export type ReplyBehaviour = Extract<FakeBehaviour, { kind: 'reply' }>;

/** What every fake reads from a chat request; each wire adds its own fields. */
export interface FakeChat {
  readonly model: string;
  readonly stream: boolean;
}

/** A request the fake cannot serve, answered in the provider's error shape. */
export type RequestProblem = 'unreadable' | 'not-found' | 'too-large';

/** One provider's wire format, as the fake server needs it. */
export interface FakeWire<Chat extends FakeChat> {
  /** Appended to the origin for `FakeUpstream.baseUrl` (OpenAI SDKs expect `/v1`). */
  readonly basePath: string;
  /** The chat endpoint, e.g. `/v1/chat/completions`. */
  readonly chatPath: string;
  /** Answers to `GET` requests by path (e.g. `/v1/models`). */
  readonly getRoutes: ReadonlyMap<string, () => unknown>;
  /** The response headers the provider sends with every answer. */
  headers(contentType: string, sequence: number): Record<string, string>;
  readChat(body: Readonly<Record<string, unknown>>): Chat;
  /** A whole (non-streaming) answer. */
  completion(chat: Chat, reply: ReplyBehaviour, sequence: number): unknown;
  /** Every SSE event of a streamed answer, each complete, the terminal event last. */
  events(chat: Chat, reply: ReplyBehaviour, sequence: number): string[];
  /** The body of a `status` behaviour: the provider's usual error for the status, or the given one. */
  statusError(
    status: number,
    sequence: number,
    errorType: string | undefined,
    message: string | undefined,
  ): unknown;
  /** The provider's own answer for a retired or unknown model. */
  modelGone(chat: Chat, sequence: number): { readonly status: number; readonly body: unknown };
  requestError(
    problem: RequestProblem,
    request: { readonly method: string; readonly path: string },
    sequence: number,
  ): { readonly status: number; readonly body: unknown };
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits text into at most `pieces` non-empty pieces on code-point boundaries. */
export function splitText(text: string, pieces: number): string[] {
  const points = Array.from(text);
  const size = Math.max(1, Math.ceil(points.length / Math.max(1, pieces)));
  const out: string[] = [];
  for (let start = 0; start < points.length; start += size) {
    out.push(points.slice(start, start + size).join(''));
  }
  return out;
}
