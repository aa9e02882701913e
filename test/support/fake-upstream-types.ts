/**
 * Shared shape of the fake upstream providers used by tests and benchmarks.
 * Each fake speaks its provider's real wire format (recorded from the
 * provider's documentation) on loopback, port 0, and can inject faults.
 */

export interface FakeToolCall {
  readonly id?: string;
  readonly name: string;
  /** JSON text of the arguments. */
  readonly arguments: string;
}

export type FakeBehaviour =
  /** A normal answer (streamed when the request asks for a stream). */
  | {
      readonly kind: 'reply';
      readonly text?: string;
      readonly toolCalls?: readonly FakeToolCall[];
      readonly usage?: { readonly input: number; readonly output: number };
      /** Split streamed text into this many chunks (default 3). */
      readonly chunks?: number;
      /** Delay before the response starts, ms. */
      readonly delayMs?: number;
    }
  /** An HTTP error in the provider's error shape. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      /** Provider error type/code, e.g. `rate_limit_error`; a sensible default per status. */
      readonly errorType?: string;
      readonly message?: string;
    }
  /** The model was withdrawn: the provider's own "model not found / deprecated" error. */
  | { readonly kind: 'model-suspended' }
  /** Destroy the socket without a response. */
  | { readonly kind: 'reset' }
  /** Accept the request and never answer (until the client gives up). */
  | { readonly kind: 'hang' }
  /** Stream normally, then destroy the socket after `afterEvents` events, optionally mid-event. */
  | { readonly kind: 'stream-cut'; readonly afterEvents: number; readonly midEvent?: boolean }
  /** Stream every event except the terminal one, then end the response cleanly. */
  | { readonly kind: 'stream-no-terminal' }
  /** Send exactly these raw body chunks as an SSE response (200, text/event-stream). */
  | { readonly kind: 'raw-sse'; readonly chunks: readonly (string | Uint8Array)[] };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface FakeUpstream {
  /** Base URL to put in provider config (OpenAI: ends in `/v1`; Anthropic: the origin). */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Queue behaviours for the next requests, in order; when empty, `reply` with an echo. */
  enqueue(...behaviours: FakeBehaviour[]): void;
  /** Forget queued behaviours and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}
