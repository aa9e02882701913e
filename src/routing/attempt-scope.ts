/**
 * The lifetime of one attempt: an AbortSignal that fires on the client's
 * disconnect, on the attempt's own timeout, or on the request's deadline,
 * whichever comes first, with a reason that says which.
 *
 * Backends are expected to honour the signal; `guard` makes routing
 * independent of that: the attempt ends when the signal fires even if a
 * backend ignores it, and a result that arrives too late is discarded
 * (a late stream is closed, so its connection is released).
 */
import { GatewayError, toGatewayError } from '../errors.ts';

export type TimerCause = 'attempt' | 'deadline' | 'idle';

export class AttemptScope {
  readonly #controller = new AbortController();
  readonly #clientSignal: AbortSignal;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  readonly #onClientAbort = (): void => {
    this.#controller.abort(this.#clientSignal.reason);
  };

  /** `timeoutMs` ≤ 0 or Infinity means no timer. */
  constructor(clientSignal: AbortSignal, timeoutMs: number, cause: TimerCause) {
    this.#clientSignal = clientSignal;
    if (clientSignal.aborted) this.#onClientAbort();
    else clientSignal.addEventListener('abort', this.#onClientAbort, { once: true });
    this.#arm(timeoutMs, cause);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stops the attempt's timer; a handed-over stream keeps the signal but runs its own. */
  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Aborts the attempt now, as its timer would. */
  abort(cause: TimerCause): void {
    this.#controller.abort(timeoutError(cause));
  }

  /** Settles with `work`, or rejects as soon as the signal aborts; a late value goes to `discard`. */
  guard<T>(work: Promise<T>, discard: (value: T) => void): Promise<T> {
    const signal = this.#controller.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        reject(this.errorFrom(undefined));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) discard(value);
          else resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(this.errorFrom(error));
        },
      );
    });
  }

  /**
   * The GatewayError an attempt ended with: the abort reason when routing
   * aborted it (timeout, deadline), else what the backend threw.
   */
  errorFrom(error: unknown): GatewayError {
    const signal = this.#controller.signal;
    if (signal.aborted && signal.reason instanceof GatewayError) return signal.reason;
    if (error === undefined && signal.aborted) {
      return new GatewayError('upstream_error', 'The upstream request was cancelled.', {
        cause: signal.reason,
      });
    }
    return toGatewayError(error);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#clientSignal.removeEventListener('abort', this.#onClientAbort);
  }

  #arm(timeoutMs: number, cause: TimerCause): void {
    if (!(timeoutMs > 0) || timeoutMs === Infinity) return;
    this.#timer = setTimeout(() => {
      this.abort(cause);
    }, timeoutMs);
  }
}

function timeoutError(cause: TimerCause): GatewayError {
  switch (cause) {
    case 'attempt':
      return new GatewayError('upstream_timeout', 'The upstream provider did not answer in time.', {
        retryable: true,
      });
    case 'idle':
      return new GatewayError('upstream_timeout', 'The upstream stream stalled.', {
        retryable: false,
      });
    case 'deadline':
      return new GatewayError(
        'deadline_exceeded',
        'The request did not complete within the gateway deadline.',
      );
  }
}
