/**
 * Streaming attempts: what counts as success, and the stream routing hands
 * over once it has.
 *
 * An attempt succeeds only when the upstream accepted the request AND the
 * first canonical part arrived, so an upstream that fails before sending
 * anything is retried or fallen back from while nothing has reached the
 * client. After that routing hands the stream over and never retries (the
 * client already holds part of one answer).
 *
 * The request's deadline bounds the time to the first part only: a long
 * answer may legitimately stream for longer than any deadline. What guards a
 * handed-over stream is an inactivity timeout of `target.timeoutMs` while
 * waiting on the upstream for the next part (time the consumer spends
 * writing to a slow client does not count), plus the client's signal.
 */
import type { ChatStreamPart } from '../chat/types.ts';
import { GatewayError } from '../errors.ts';
import type { AttemptScope } from './attempt-scope.ts';

export interface StreamStart {
  readonly iterator: AsyncIterator<ChatStreamPart>;
  readonly first: ChatStreamPart;
}

/** Waits for the stream to start and its first part to arrive; closes the stream if that fails. */
export async function startFirstPart(
  started: Promise<AsyncIterator<ChatStreamPart>>,
): Promise<StreamStart> {
  const iterator = await started;
  let first: IteratorResult<ChatStreamPart>;
  try {
    first = await iterator.next();
  } catch (error) {
    closeQuietly(iterator);
    throw error;
  }
  if (first.done === true) {
    throw new GatewayError('upstream_truncated', 'The upstream stream ended before any content.', {
      retryable: true,
    });
  }
  return { iterator, first: first.value };
}

/** For `AttemptScope.guard`: a stream that started after its attempt was abandoned is closed. */
export function discardLateStart(start: StreamStart): void {
  closeQuietly(start.iterator);
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** The handed-over rest of a stream: errors mapped, inactivity bounded, resources released once. */
export class HandedOverStream implements AsyncIterator<ChatStreamPart> {
  readonly #iterator: AsyncIterator<ChatStreamPart>;
  readonly #scope: AttemptScope;
  readonly #onError: (error: GatewayError) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiting = false;
  #finished = false;

  constructor(
    iterator: AsyncIterator<ChatStreamPart>,
    scope: AttemptScope,
    idleTimeoutMs: number,
    onError: (error: GatewayError) => void,
  ) {
    this.#iterator = iterator;
    this.#scope = scope;
    this.#onError = onError;
    scope.clearTimer();
    if (idleTimeoutMs > 0) {
      // One timer for the stream's life, refreshed rather than re-created per part.
      this.#timer = setTimeout(() => {
        if (this.#waiting) scope.abort('idle');
        else this.#timer?.refresh();
      }, idleTimeoutMs);
    }
  }

  async next(): Promise<IteratorResult<ChatStreamPart>> {
    if (this.#finished) return DONE;
    this.#waiting = true;
    this.#timer?.refresh();
    try {
      const result = await this.#iterator.next();
      this.#waiting = false;
      if (result.done === true) this.#finish();
      return result;
    } catch (thrown) {
      this.#waiting = false;
      const clientAborted =
        this.#scope.signal.aborted && !(this.#scope.signal.reason instanceof GatewayError);
      const error = this.#scope.errorFrom(thrown);
      this.#finish();
      if (!clientAborted) this.#onError(error);
      throw error;
    }
  }

  /** Never waits on the upstream: the connection is closed without reading further. */
  return(): Promise<IteratorResult<ChatStreamPart>> {
    if (!this.#finished) {
      this.#finish();
      closeQuietly(this.#iterator);
    }
    return Promise.resolve(DONE);
  }

  #finish(): void {
    this.#finished = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#scope.dispose();
  }
}

/** Ends an iterator the consumer no longer wants; failures while closing are moot. */
function closeQuietly(iterator: AsyncIterator<ChatStreamPart>): void {
  try {
    iterator.return?.().catch(() => undefined);
  } catch {
    // A synchronous throw from return() is as moot as an asynchronous one.
  }
}
