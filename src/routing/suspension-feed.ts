/**
 * The suspension feed: an external list of suspended models (a vendor's
 * advisory feed, a security team's file) polled into the store, so a
 * withdrawn or compromised model is stopped without anyone at the console.
 *
 * Every `intervalMs` (±10 % jitter, so a fleet of gateways does not poll in
 * lockstep) the source, an http(s) URL or a file, is read, bounded and
 * validated (`suspension-feed-parse.ts`). A valid list is handed whole to
 * `apply` (the store's `replaceFeed`, one transaction), and only when it
 * differs from the last one applied. A failed read or a bad document changes
 * nothing: the last good list stays in force, and the failure shows in
 * `status()` for `/readyz` and metrics.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../errors.ts';
import type { UpstreamClient } from '../providers/upstream-client.ts';
import { createUpstreamClient } from '../providers/upstream-client.ts';
import type { FeedEntry, FeedParseError } from './suspension-feed-parse.ts';
import { FEED_LIMITS, parseFeed } from './suspension-feed-parse.ts';

/** Why the last poll failed; safe to expose (never upstream text). */
export type FeedErrorCode =
  | FeedParseError
  | 'unreachable'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'read_failed'
  | 'apply_failed';

export interface FeedStatus {
  /** True once a list has been applied and the latest poll succeeded. */
  readonly healthy: boolean;
  /** Wall-clock ms of the last successful poll; absent before the first. */
  readonly lastSuccessAt?: number;
  /** Why the latest poll failed; absent when it succeeded. */
  readonly lastError?: FeedErrorCode;
  readonly consecutiveFailures: number;
  /** Entries in the list in force. */
  readonly entries: number;
}

export interface SuspensionFeedOptions {
  /** `suspensions.feed.source`: an http(s) URL, a `file:` URL or a path. */
  readonly source: string;
  readonly intervalMs: number;
  /** Bound on one URL poll. */
  readonly timeoutMs: number;
  /** Replaces the feed's suspensions atomically (the lead passes `store.suspensions.replaceFeed`). */
  readonly apply: (entries: readonly FeedEntry[]) => Promise<void>;
  /** For URL sources; without one the feed makes (and closes) its own. */
  readonly client?: UpstreamClient;
  /** Wall clock, ms since the epoch. */
  readonly now?: () => number;
  readonly random?: () => number;
  /** Called after every poll, e.g. for a health gauge or a warning log. Must not throw. */
  readonly onResult?: (healthy: boolean, status: FeedStatus) => void;
}

export interface SuspensionFeed {
  /** Polls now, then every interval until `stop()`. */
  start(): void;
  /** Stops polling and cancels a poll in flight. */
  stop(): Promise<void>;
  /** Polls once (joining a poll in flight); resolves with the status after it. */
  poll(): Promise<FeedStatus>;
  status(): FeedStatus;
}

type Read =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: FeedErrorCode };

/** Creates a feed and starts polling it. */
export function startSuspensionFeed(options: SuspensionFeedOptions): SuspensionFeed {
  const feed = createSuspensionFeed(options);
  feed.start();
  return feed;
}

/** Creates a feed without starting it (`poll()` drives it by hand, as tests do). */
export function createSuspensionFeed(options: SuspensionFeedOptions): SuspensionFeed {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const isUrl = /^https?:\/\//i.test(options.source);
  const path = options.source.startsWith('file:') ? fileURLToPath(options.source) : options.source;
  let ownClient: UpstreamClient | undefined;
  let status: FeedStatus = { healthy: false, consecutiveFailures: 0, entries: 0 };
  let lastApplied: string | undefined;
  let inFlight: Promise<FeedStatus> | undefined;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  function client(): UpstreamClient {
    if (options.client !== undefined) return options.client;
    ownClient ??= createUpstreamClient({ defaultConnections: 1 });
    return ownClient;
  }

  async function readUrl(poll: AbortController): Promise<Read> {
    const { signal } = poll;
    const timeout = setTimeout(() => {
      poll.abort(
        new GatewayError('upstream_timeout', 'The suspension feed did not answer in time.'),
      );
    }, options.timeoutMs);
    try {
      const response = await client().send(
        { method: 'GET', url: options.source, headers: { accept: 'application/json' } },
        signal,
        { connections: 1 },
      );
      if (response.status < 200 || response.status > 299) {
        response.body.discard();
        return { ok: false, error: 'http_status' };
      }
      return { ok: true, text: await response.body.text(FEED_LIMITS.maxBytes) };
    } catch (error) {
      return { ok: false, error: urlErrorCode(error) };
    } finally {
      clearTimeout(timeout);
    }
  }

  async function readPath(signal: AbortSignal): Promise<Read> {
    try {
      const info = await stat(path);
      if (info.size > FEED_LIMITS.maxBytes) return { ok: false, error: 'too_large' };
      const text = await readFile(path, { encoding: 'utf8', signal });
      // The file may have grown between stat and read.
      if (Buffer.byteLength(text) > FEED_LIMITS.maxBytes) return { ok: false, error: 'too_large' };
      return { ok: true, text };
    } catch {
      return { ok: false, error: 'read_failed' };
    }
  }

  async function pollOnce(): Promise<FeedStatus> {
    controller = new AbortController();
    const read = isUrl ? await readUrl(controller) : await readPath(controller.signal);
    if (!read.ok) return fail(read.error);
    const parsed = parseFeed(read.text);
    if (!parsed.ok) return fail(parsed.error);
    const canonical = JSON.stringify(parsed.entries);
    if (canonical !== lastApplied) {
      try {
        await options.apply(parsed.entries);
      } catch {
        return fail('apply_failed');
      }
      lastApplied = canonical;
    }
    return settle({
      healthy: true,
      lastSuccessAt: now(),
      consecutiveFailures: 0,
      entries: parsed.entries.length,
    });
  }

  function fail(error: FeedErrorCode): FeedStatus {
    return settle({
      ...status,
      healthy: false,
      lastError: error,
      consecutiveFailures: status.consecutiveFailures + 1,
    });
  }

  function settle(next: FeedStatus): FeedStatus {
    status = next;
    try {
      options.onResult?.(next.healthy, next);
    } catch {
      // A broken observer must not stop polling (the timer chain runs through here).
    }
    return next;
  }

  function poll(): Promise<FeedStatus> {
    inFlight ??= pollOnce().finally(() => {
      inFlight = undefined;
      controller = undefined;
    });
    return inFlight;
  }

  function schedule(): void {
    if (!running) return;
    const delay = options.intervalMs * (0.9 + 0.2 * random());
    timer = setTimeout(() => {
      timer = undefined;
      void poll().finally(schedule);
    }, delay);
    // Polling alone must not keep the process alive.
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      void poll().finally(schedule);
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      controller?.abort();
      await inFlight;
      const own = ownClient;
      ownClient = undefined;
      await own?.destroy();
    },
    poll,
    status: () => status,
  };
}

function urlErrorCode(error: unknown): FeedErrorCode {
  if (!(error instanceof GatewayError)) return 'unreachable';
  if (error.code === 'upstream_timeout') return 'timeout';
  // The client's only bad-response case for a read it bounds is the size.
  if (error.code === 'upstream_bad_response') return 'too_large';
  return 'unreachable';
}
