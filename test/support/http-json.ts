/**
 * Raw HTTP for end-to-end tests where the exact bytes, headers or status
 * matter more than what an SDK makes of them (missing keys, admin calls,
 * request digests). Bodies given as strings are sent byte for byte.
 */

export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  /** The body exactly as received. */
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
}

export interface JsonRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else is JSON-encoded. */
  readonly body?: unknown;
}

export async function requestJson(url: string, request: JsonRequest = {}): Promise<JsonReply> {
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const response = await fetch(url, {
    method: request.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A minimal OpenAI-dialect chat body for `model`. */
export function openAiChat(model: string, content = 'hello'): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content }] };
}

/** A minimal Anthropic-dialect messages body for `model`. */
export function anthropicChat(model: string, content = 'hello'): Record<string, unknown> {
  return { model, max_tokens: 64, messages: [{ role: 'user', content }] };
}

/** `Authorization: Bearer …` for a gateway key or the admin token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
