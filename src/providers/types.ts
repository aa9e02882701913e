/**
 * Provider extension points.
 *
 * `ProviderAdapter` is a set of pure transforms between the canonical chat
 * model and one provider's wire format (I/O is kept outside, in
 * `http-backend.ts`), in the spirit of vercel/ai's provider packages.
 * `ModelBackend` is what routing calls for one attempt; HTTP providers get it
 * by pairing an adapter with the upstream client, the `sim` models implement
 * it directly.
 */
import type { ChatCall, ChatResult, ChatStreamPart, Dialect } from '../chat/types.ts';
import type { ErrorCode } from '../errors.ts';
import type { RegionRules } from '../config/schema.ts';
import type { Secret } from '../config/secret.ts';

export type ProviderKind = 'openai' | 'azure-openai' | 'anthropic' | 'sim';

/** A provider after config load: secrets resolved (wrapped), defaults applied. */
export interface ResolvedProvider {
  readonly name: string;
  readonly kind: ProviderKind;
  /** Base URL without a trailing slash; empty for `sim`. */
  readonly baseUrl: string;
  readonly apiKey?: Secret;
  readonly headers: Readonly<Record<string, string>>;
  /** Anthropic `anthropic-version`, Azure `api-version`. */
  readonly apiVersion?: string;
  readonly organization?: string;
  readonly connections: number;
}

/** One concrete place an alias can be served from. */
export interface Target {
  /** `provider/model`: the identity used by suspensions, breakers, metrics and audit. */
  readonly id: string;
  readonly provider: ResolvedProvider;
  /** The upstream model (or Azure deployment) name. */
  readonly model: string;
  readonly timeoutMs: number;
  /** Sent as max tokens when the caller gave none and the provider requires it. */
  readonly defaultMaxTokens: number;
  /** Provider rules merged with the target's own. */
  readonly regions: RegionRules;
}

export interface UpstreamRequest {
  /** Absolute URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
}

/** One Server-Sent Event (WHATWG HTML §9.2). */
export interface SseEvent {
  /** The `event:` field; absent means the default "message". */
  readonly event?: string;
  readonly data: string;
  readonly id?: string;
}

/** How an upstream failure should be treated by routing. */
export interface UpstreamFailure {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** From `Retry-After` / `retry-after-ms`, when the upstream sent one. */
  readonly retryAfterMs?: number;
  /**
   * A short, caller-safe message. Only for `upstream_invalid_request`, where
   * the provider's own explanation (e.g. context length exceeded) helps the
   * caller; capped and scrubbed of anything key-like.
   */
  readonly message?: string;
}

export interface ProviderAdapter {
  readonly kind: Exclude<ProviderKind, 'sim'>;
  /** The wire dialect this provider speaks (`azure-openai` speaks `openai`). */
  readonly dialect: Dialect;
  buildRequest(call: ChatCall, target: Target): UpstreamRequest;
  /** Throws GatewayError `upstream_bad_response` when the body is not a valid answer. */
  parseResponse(body: unknown): ChatResult;
  /**
   * Canonical parts from the upstream's SSE events. Throws GatewayError
   * `upstream_truncated` when events end before the terminal event, and maps
   * in-stream error events to GatewayErrors.
   */
  parseStream(events: AsyncIterable<SseEvent>): AsyncIterable<ChatStreamPart>;
  classifyError(
    status: number,
    body: unknown,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): UpstreamFailure;
}

export interface AttemptContext {
  readonly signal: AbortSignal;
  /** Request-scoped headers from the caller that backends may read (e.g. `sim/scripted`). */
  readonly callerHeaders: Readonly<Record<string, string | undefined>>;
}

/** What routing calls for one attempt against one target. */
export interface ModelBackend {
  complete(call: ChatCall, target: Target, context: AttemptContext): Promise<ChatResult>;
  /**
   * Starts a streamed answer. Resolves once the upstream has accepted the
   * request (status and headers received); throws a GatewayError otherwise.
   * The iterator throws a GatewayError on a mid-stream failure.
   */
  stream(
    call: ChatCall,
    target: Target,
    context: AttemptContext,
  ): Promise<AsyncIterator<ChatStreamPart>>;
}
