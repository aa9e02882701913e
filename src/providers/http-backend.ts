/**
 * Pairs a pure `ProviderAdapter` with the upstream client to make the
 * `ModelBackend` routing calls for one attempt: build → send → classify or
 * parse. All I/O of HTTP providers happens here and in `upstream-client.ts`.
 */
import type { ChatCall, ChatResult, ChatStreamPart } from '../chat/types.ts';
import type { Secret } from '../config/secret.ts';
import { upstreamErrorMessage } from './shared/upstream-error-message.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import { parseSse, SseLineTooLongError } from '../http/sse/parse-sse.ts';
import type {
  AttemptContext,
  ModelBackend,
  ProviderAdapter,
  Target,
  UpstreamFailure,
} from './types.ts';
import type { UpstreamClient, UpstreamHeaders, UpstreamResponse } from './upstream-client.ts';

/** Largest non-streaming answer accepted. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Error bodies are read only this far: enough to classify, never more. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * An upstream's non-2xx answer, classified by its adapter. Keeps the HTTP
 * status (for attempt records) and the exact `Retry-After` in milliseconds
 * (for routing's backoff); `retryAfterSeconds` is that, rounded up, for the
 * client's own `Retry-After` header (RFC 9110 §10.2.3 allows whole seconds only).
 */
export class UpstreamStatusError extends GatewayError {
  readonly upstreamStatus: number;
  readonly retryAfterMs: number | undefined;

  constructor(upstreamStatus: number, failure: UpstreamFailure) {
    const retryAfterMs = failure.retryAfterMs;
    super(failure.code, failure.message ?? upstreamErrorMessage(failure.code), {
      retryable: failure.retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
    });
    this.upstreamStatus = upstreamStatus;
    this.retryAfterMs = retryAfterMs;
  }
}

export function createHttpBackend(adapter: ProviderAdapter, client: UpstreamClient): ModelBackend {
  async function send(
    call: ChatCall,
    target: Target,
    context: AttemptContext,
  ): Promise<UpstreamResponse> {
    const request = adapter.buildRequest(call, target);
    const response = await client.send(request, context.signal, {
      connections: target.provider.connections,
    });
    if (response.status < 200 || response.status > 299) {
      throw await classify(adapter, response);
    }
    return response;
  }

  async function complete(
    call: ChatCall,
    target: Target,
    context: AttemptContext,
  ): Promise<ChatResult> {
    const response = await send(call, target, context);
    const text = await response.body.text(MAX_RESPONSE_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new GatewayError('upstream_bad_response', 'The upstream response was not valid JSON.', {
        cause: error,
        retryable: true,
      });
    }
    return adapter.parseResponse(json);
  }

  async function stream(
    call: ChatCall,
    target: Target,
    context: AttemptContext,
  ): Promise<AsyncIterator<ChatStreamPart>> {
    const response = await send(call, target, context);
    if (!isEventStream(response.headers)) {
      response.body.discard();
      throw new GatewayError(
        'upstream_bad_response',
        'The upstream answered a streaming request without an event stream.',
        { retryable: true },
      );
    }
    const parts = adapter.parseStream(parseSse(response.body))[Symbol.asyncIterator]();
    return new ReleasingIterator(parts, response, target.provider.apiKey);
  }

  return {
    async complete(call, target, context) {
      try {
        return await complete(call, target, context);
      } catch (error) {
        throw withoutCredential(error, target.provider.apiKey);
      }
    },
    async stream(call, target, context) {
      try {
        return await stream(call, target, context);
      } catch (error) {
        throw withoutCredential(error, target.provider.apiKey);
      }
    },
  };
}

/**
 * Forwards the adapter's parts and closes the upstream connection as soon as
 * the consumer stops: `return()` first destroys the socket, so an iterator
 * waiting on a silent upstream is released at once rather than when the
 * upstream next speaks.
 */
class ReleasingIterator implements AsyncIterator<ChatStreamPart> {
  readonly #parts: AsyncIterator<ChatStreamPart>;
  readonly #response: UpstreamResponse;
  readonly #credential: Secret | undefined;

  constructor(
    parts: AsyncIterator<ChatStreamPart>,
    response: UpstreamResponse,
    credential: Secret | undefined,
  ) {
    this.#parts = parts;
    this.#response = response;
    this.#credential = credential;
  }

  async next(): Promise<IteratorResult<ChatStreamPart>> {
    try {
      const result = await this.#parts.next();
      if (result.done === true) this.#response.body.discard();
      return result;
    } catch (error) {
      this.#response.body.discard();
      if (error instanceof SseLineTooLongError) {
        throw new GatewayError(
          'upstream_bad_response',
          'The upstream event stream was malformed.',
          {
            cause: error,
            retryable: true,
          },
        );
      }
      throw withoutCredential(toGatewayError(error), this.#credential);
    }
  }

  async return(): Promise<IteratorResult<ChatStreamPart>> {
    this.#response.body.discard();
    try {
      await this.#parts.return?.();
    } catch {
      // The consumer has stopped; an error from tearing the stream down is moot.
    }
    return { done: true, value: undefined };
  }
}

/**
 * Removes the provider credential from an upstream-derived error message.
 * Adapters pass a provider's own words on for invalid requests (HTTP 400s
 * and stream error events), scrubbed of anything key-shaped; but a
 * credential that is not key-shaped (a self-hosted server's `--api-key
 * local-dev-secret`) slips past every pattern when the upstream, or a proxy
 * in front of it, echoes it back. Only here is the value known, so the exact
 * credential that was sent is redacted from whatever comes back. The error
 * is changed in place so its class and routing facts (status, Retry-After)
 * stay as they are.
 */
function withoutCredential(error: unknown, credential: Secret | undefined): unknown {
  if (credential === undefined || !(error instanceof GatewayError)) return error;
  const value = credential.reveal();
  if (value !== '' && error.message.includes(value)) {
    error.message = error.message.replaceAll(value, '[redacted]');
  }
  return error;
}

function isEventStream(headers: UpstreamHeaders): boolean {
  const value = headers['content-type'];
  const contentType = Array.isArray(value) ? value[0] : value;
  if (contentType === undefined) return false;
  // Media types are case-insensitive (RFC 9110 §8.3.1); parameters may follow.
  return contentType.trimStart().toLowerCase().startsWith('text/event-stream');
}

async function classify(
  adapter: ProviderAdapter,
  response: UpstreamResponse,
): Promise<UpstreamStatusError> {
  let body: unknown;
  try {
    const text = await response.body.text(MAX_ERROR_BODY_BYTES, 'truncate');
    body = text === '' ? undefined : parseJsonOrText(text);
  } catch {
    // A body cut off mid-read still has a status worth classifying.
    body = undefined;
  }
  return new UpstreamStatusError(
    response.status,
    adapter.classifyError(response.status, body, response.headers),
  );
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
