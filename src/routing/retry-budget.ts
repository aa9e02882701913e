/**
 * Retry budgets: retries may add only a bounded fraction of load to an
 * upstream, so when it fails for everyone the gateway does not multiply its
 * traffic by `1 + maxRetries` (a retry storm). As in Finagle's
 * `RetryBudget` and Envoy's `retry_budget`: over a sliding window,
 *
 *     retries allowed = ratio × requests + minPerSecond × window seconds
 *
 * where the `minPerSecond` reserve lets a quiet target still retry. The
 * window is a ring of one-second buckets, so memory and time per call are
 * constant.
 */

export interface RetryBudgetConfig {
  /** `routing.retry.budgetRatio`. */
  readonly budgetRatio: number;
  /** `routing.retry.minRetriesPerSecond`. */
  readonly minRetriesPerSecond: number;
}

const BUCKET_MS = 1_000;
/** Window length in buckets (10 s, Finagle's default TTL). */
const BUCKETS = 10;

export class RetryBudget {
  readonly #ratio: number;
  readonly #reserve: number;
  readonly #requests = new Float64Array(BUCKETS);
  readonly #retries = new Float64Array(BUCKETS);
  #requestTotal = 0;
  #retryTotal = 0;
  /** Index (in whole buckets since the clock's origin) of the newest bucket. */
  #head = -1;

  constructor(config: RetryBudgetConfig) {
    this.#ratio = config.budgetRatio;
    this.#reserve = (config.minRetriesPerSecond * (BUCKETS * BUCKET_MS)) / 1000;
  }

  /** Counts a first attempt (not a retry) at this target. */
  recordRequest(now: number): void {
    const slot = this.#advance(now);
    this.#requests[slot] = (this.#requests[slot] ?? 0) + 1;
    this.#requestTotal++;
  }

  /** Takes one retry from the budget; false (and nothing taken) when it is spent. */
  tryRetry(now: number): boolean {
    const slot = this.#advance(now);
    if (this.#retryTotal + 1 > this.#ratio * this.#requestTotal + this.#reserve) return false;
    this.#retries[slot] = (this.#retries[slot] ?? 0) + 1;
    this.#retryTotal++;
    return true;
  }

  /** Moves the window to `now`, emptying buckets that fell out; returns the current slot. */
  #advance(now: number): number {
    const bucket = Math.floor(now / BUCKET_MS);
    if (bucket > this.#head) {
      const expired = Math.min(bucket - this.#head, BUCKETS);
      for (let step = 1; step <= expired; step++) {
        const slot = (this.#head + step) % BUCKETS;
        const index = slot < 0 ? slot + BUCKETS : slot;
        this.#requestTotal -= this.#requests[index] ?? 0;
        this.#retryTotal -= this.#retries[index] ?? 0;
        this.#requests[index] = 0;
        this.#retries[index] = 0;
      }
      this.#head = bucket;
    }
    // A clock that steps back (it should not: it is monotonic) counts in the newest bucket.
    const slot = this.#head % BUCKETS;
    return slot < 0 ? slot + BUCKETS : slot;
  }
}

/** One budget per target id, created on first use; capped so arbitrary direct model names cannot grow it without bound. */
export class RetryBudgets {
  readonly #config: RetryBudgetConfig;
  readonly #budgets = new Map<string, RetryBudget>();
  readonly #maxTargets: number;

  constructor(config: RetryBudgetConfig, maxTargets = 10_000) {
    this.#config = config;
    this.#maxTargets = maxTargets;
  }

  get(targetId: string): RetryBudget {
    let budget = this.#budgets.get(targetId);
    if (budget === undefined) {
      if (this.#budgets.size >= this.#maxTargets) {
        // Forget the oldest: losing a budget's history only makes it more permissive briefly.
        const oldest = this.#budgets.keys().next();
        if (oldest.done !== true) this.#budgets.delete(oldest.value);
      }
      budget = new RetryBudget(this.#config);
      this.#budgets.set(targetId, budget);
    }
    return budget;
  }
}
