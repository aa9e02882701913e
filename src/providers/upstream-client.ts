/**
 * The one upstream HTTP client: every request the gateway makes to a model
 * provider (and to a suspension feed) goes through here, and this is the only
 * file that imports undici.
 *
 * One undici `Pool` per origin keeps connections alive between requests
 * (pipelining 1: chat completions are long and blocking, and HTTP/1.1
 * pipelining would put one slow answer in front of the next). undici's own
 * headers/body timeouts are disabled: each attempt's AbortSignal carries the
 * per-attempt timeout, the overall deadline and the client's disconnect, so
 * one mechanism governs every phase of the exchange.
 *
 * Every failure leaves as a GatewayError with a caller-safe message; the raw
 * error stays in `cause`.
 */
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import { GatewayError } from '../errors.ts';

/** Response headers as undici gives them (lower-case names). */
export type UpstreamHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A request to send: a provider's `UpstreamRequest` (POST) or a GET (suspension feeds). */
export interface UpstreamCall {
  /** Defaults to POST when there is a body, GET otherwise. */
  readonly method?: 'GET' | 'POST';
  /** Absolute http(s) URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface SendOptions {
  /** Connections kept for this origin; applies when the origin's pool is first created. */
  readonly connections?: number;
}

export interface UpstreamBody extends AsyncIterable<Uint8Array> {
  /**
   * Reads the body as UTF-8 text. With `overflow: 'error'` (the default) a
   * body longer than `maxBytes` throws `upstream_bad_response`; with
   * `'truncate'` the first `maxBytes` are returned and the rest discarded
   * (for error bodies, which are only classified).
   */
  text(maxBytes: number, overflow?: 'error' | 'truncate'): Promise<string>;
  /** Stops reading and releases the connection (the socket is closed, not reused). */
  discard(): void;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: UpstreamHeaders;
  /** Must be read to the end or discarded, or the connection stays busy. */
  readonly body: UpstreamBody;
}

export interface UpstreamClient {
  /**
   * Sends one request and resolves once the status and headers arrived.
   * Rejects with a GatewayError: `upstream_error` (retryable) when the
   * connection fails, `upstream_timeout` (retryable) on a timeout, or the
   * signal's reason when the signal aborted with a GatewayError.
   */
  send(call: UpstreamCall, signal: AbortSignal, options?: SendOptions): Promise<UpstreamResponse>;
  /** Closes every pool once its in-flight requests finish. */
  close(): Promise<void>;
  /** Closes every pool now, failing in-flight requests. */
  destroy(): Promise<void>;
}

export interface UpstreamClientOptions {
  /** Connections per origin when the caller gives none (default 128). */
  readonly defaultConnections?: number;
  /** TCP+TLS connect timeout (default 10 s); the attempt signal still bounds it. */
  readonly connectTimeoutMs?: number;
}

/** Largest non-streaming body a caller may ask `text()` for, whatever it passes. */
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;

const DEFAULT_CONNECTIONS = 128;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Parsed URLs are cached: providers use a handful of URLs, parsing each time is waste. */
const MAX_CACHED_URLS = 1024;

interface ParsedUrl {
  readonly origin: string;
  readonly path: string;
}

export function createUpstreamClient(options: UpstreamClientOptions = {}): UpstreamClient {
  const defaultConnections = options.defaultConnections ?? DEFAULT_CONNECTIONS;
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pools = new Map<string, Pool>();
  const urls = new Map<string, ParsedUrl>();
  let closed = false;

  function parse(url: string): ParsedUrl {
    const cached = urls.get(url);
    if (cached !== undefined) return cached;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      throw new GatewayError('upstream_error', 'The upstream URL is invalid.', { cause: error });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new GatewayError('upstream_error', 'The upstream URL must use http or https.');
    }
    const entry: ParsedUrl = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (urls.size >= MAX_CACHED_URLS) urls.clear();
    urls.set(url, entry);
    return entry;
  }

  function poolFor(origin: string, connections: number): Pool {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections,
        pipelining: 1,
        // 0 disables undici's timers: the attempt's AbortSignal governs every phase.
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: { timeout: connectTimeout },
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  async function send(
    call: UpstreamCall,
    signal: AbortSignal,
    sendOptions?: SendOptions,
  ): Promise<UpstreamResponse> {
    if (closed) throw new GatewayError('shutting_down', 'The gateway is shutting down.');
    if (signal.aborted) throw toUpstreamError(signal.reason, signal, 'connect');
    const { origin, path } = parse(call.url);
    const pool = poolFor(origin, sendOptions?.connections ?? defaultConnections);
    const body = call.body ?? null;
    try {
      const response = await pool.request({
        path,
        method: call.method ?? (body === null ? 'GET' : 'POST'),
        headers: call.headers,
        body,
        signal,
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: new ReadableUpstreamBody(response.body, signal),
      };
    } catch (error) {
      throw toUpstreamError(error, signal, 'connect');
    }
  }

  async function shutdown(force: boolean): Promise<void> {
    closed = true;
    const all = [...pools.values()];
    pools.clear();
    await Promise.all(all.map((pool) => (force ? pool.destroy() : pool.close())));
  }

  return { send, close: () => shutdown(false), destroy: () => shutdown(true) };
}

/** The undici body stream, read with size bounds and errors mapped. */
class ReadableUpstreamBody implements UpstreamBody {
  readonly #stream: Readable;
  readonly #signal: AbortSignal;

  constructor(stream: Readable, signal: AbortSignal) {
    this.#stream = stream;
    this.#signal = signal;
    // Errors reach the reader through iteration; without a listener, a body
    // destroyed before anyone read it (`discard()`) would emit an 'error'
    // event nobody handles, which crashes the process.
    stream.on('error', ignore);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for await (const chunk of this.#stream) yield chunk as Uint8Array;
    } catch (error) {
      throw toUpstreamError(error, this.#signal, 'body');
    } finally {
      // Reached on normal end, on error and when the consumer stops early:
      // in the last case this closes the socket instead of leaving it busy.
      this.#stream.destroy();
    }
  }

  async text(maxBytes: number, overflow: 'error' | 'truncate' = 'error'): Promise<string> {
    const limit = Math.min(maxBytes, MAX_UPSTREAM_BODY_BYTES);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of this) {
      if (total + chunk.byteLength > limit) {
        if (overflow === 'error') {
          throw new GatewayError('upstream_bad_response', 'The upstream response was too large.', {
            retryable: true,
          });
        }
        chunks.push(chunk.subarray(0, limit - total));
        total = limit;
        break; // leaving the loop runs the iterator's finally: the stream is destroyed
      }
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  }

  discard(): void {
    this.#stream.destroy();
  }
}

/**
 * Maps anything thrown while talking to an upstream to a GatewayError. An
 * aborted signal wins over the error undici reports: routing aborts with a
 * GatewayError reason (`upstream_timeout`, `deadline_exceeded`) that says why.
 */
export function toUpstreamError(
  error: unknown,
  signal: AbortSignal,
  phase: 'connect' | 'body',
): GatewayError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof GatewayError) return reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new GatewayError('upstream_timeout', 'The upstream provider did not answer in time.', {
        cause: reason,
        retryable: true,
      });
    }
    return new GatewayError('upstream_error', 'The upstream request was cancelled.', {
      cause: reason,
    });
  }
  if (error instanceof GatewayError) return error;
  switch (errorCode(error)) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return new GatewayError('upstream_timeout', 'The upstream provider did not answer in time.', {
        cause: error,
        retryable: true,
      });
    case 'UND_ERR_INVALID_ARG':
      // A request we built badly: retrying the same target cannot help.
      return new GatewayError('upstream_error', 'The upstream request could not be sent.', {
        cause: error,
      });
    case 'UND_ERR_HEADERS_OVERFLOW':
      return new GatewayError('upstream_bad_response', 'The upstream response was malformed.', {
        cause: error,
        retryable: true,
      });
    default:
      if (phase === 'body') {
        return new GatewayError(
          'upstream_truncated',
          'The upstream connection closed before the response was complete.',
          { cause: error, retryable: true },
        );
      }
      // ECONNRESET, ECONNREFUSED, ENOTFOUND, EPIPE, UND_ERR_SOCKET ("other side
      // closed", socket hang up), UND_ERR_CLOSED/DESTROYED, HTTP parser errors.
      return new GatewayError('upstream_error', 'Could not reach the upstream provider.', {
        cause: error,
        retryable: true,
      });
  }
}

function ignore(): void {
  // See ReadableUpstreamBody's constructor.
}

/** The Node/undici error code (`ECONNRESET`, `UND_ERR_SOCKET`, …), or `''`. */
function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
