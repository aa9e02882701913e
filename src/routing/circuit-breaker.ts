/**
 * Per-target circuit breakers (Nygard, "Release It!", ch. 5): stop sending
 * to a target that keeps failing, and let a single request find out when it
 * has recovered.
 *
 *     closed ──(failureThreshold consecutive failures)──▶ open
 *     open ──(cooldownMs elapsed; one caller takes the probe)──▶ half-open
 *     half-open ──(probe succeeds)──▶ closed
 *     half-open ──(probe fails)──▶ open (cooldown restarts)
 *
 * Exactly one probe runs at a time in half-open; everyone else is refused
 * until it reports. Every successful `tryAcquire` must be followed by one of
 * `recordSuccess`, `recordFailure` or `release` (an outcome that says nothing
 * about the target's health, e.g. a caller error or a client abort), or the
 * probe slot would stay taken.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerConfig {
  /** `routing.breaker.failureThreshold`. */
  readonly failureThreshold: number;
  /** `routing.breaker.cooldownMs`. */
  readonly cooldownMs: number;
}

export type BreakerListener = (targetId: string, state: BreakerState) => void;

export class CircuitBreaker {
  readonly targetId: string;
  readonly #config: BreakerConfig;
  readonly #onChange: BreakerListener | undefined;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probeInFlight = false;

  constructor(targetId: string, config: BreakerConfig, onChange?: BreakerListener) {
    this.targetId = targetId;
    this.#config = config;
    this.#onChange = onChange;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Consecutive failures counted since the last success. */
  get failures(): number {
    return this.#failures;
  }

  /**
   * Whether a request may go to the target now. In `open` past the cooldown
   * the caller becomes the half-open probe.
   */
  tryAcquire(now: number): boolean {
    switch (this.#state) {
      case 'closed':
        return true;
      case 'open':
        if (now - this.#openedAt < this.#config.cooldownMs) return false;
        this.#probeInFlight = true;
        this.#transition('half-open');
        return true;
      case 'half-open':
        if (this.#probeInFlight) return false;
        // The last probe was released without a verdict: this caller probes.
        this.#probeInFlight = true;
        return true;
    }
  }

  /**
   * Milliseconds until a request could be let through: 0 when closed (or a
   * probe slot is free), the rest of the cooldown when open, and, while a
   * probe is in flight, a full cooldown (the probe may fail and re-open).
   */
  retryInMs(now: number): number {
    switch (this.#state) {
      case 'closed':
        return 0;
      case 'open':
        return Math.max(0, this.#openedAt + this.#config.cooldownMs - now);
      case 'half-open':
        return this.#probeInFlight ? this.#config.cooldownMs : 0;
    }
  }

  recordSuccess(): void {
    this.#failures = 0;
    this.#probeInFlight = false;
    if (this.#state !== 'closed') this.#transition('closed');
  }

  recordFailure(now: number): void {
    this.#failures++;
    switch (this.#state) {
      case 'closed':
        if (this.#failures >= this.#config.failureThreshold) this.#open(now);
        return;
      case 'half-open':
        // Only the probe's verdict counts here; it re-opens the circuit.
        if (this.#probeInFlight) this.#open(now);
        return;
      case 'open':
        // A request admitted before the circuit opened, failing late.
        return;
    }
  }

  /** Ends an acquired attempt without a verdict on the target's health. */
  release(): void {
    this.#probeInFlight = false;
  }

  #open(now: number): void {
    this.#openedAt = now;
    this.#probeInFlight = false;
    this.#transition('open');
  }

  #transition(state: BreakerState): void {
    this.#state = state;
    this.#onChange?.(this.targetId, state);
  }
}

/** The breakers of every target, created on first use. */
export class CircuitBreakers {
  readonly #config: BreakerConfig;
  readonly #onChange: BreakerListener | undefined;
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #maxTargets: number;

  constructor(config: BreakerConfig, onChange?: BreakerListener, maxTargets = 10_000) {
    this.#config = config;
    this.#onChange = onChange;
    this.#maxTargets = maxTargets;
  }

  get(targetId: string): CircuitBreaker {
    let breaker = this.#breakers.get(targetId);
    if (breaker === undefined) {
      if (this.#breakers.size >= this.#maxTargets) this.#evictHealthy();
      breaker = new CircuitBreaker(targetId, this.#config, this.#onChange);
      this.#breakers.set(targetId, breaker);
    }
    return breaker;
  }

  /** Current state of every known target, for metrics and `/readyz`. */
  states(): ReadonlyMap<string, BreakerState> {
    const states = new Map<string, BreakerState>();
    for (const [id, breaker] of this.#breakers) states.set(id, breaker.state);
    return states;
  }

  /**
   * Drops closed breakers with no failures (they hold no information), so
   * arbitrary direct model names cannot grow the map without bound; open
   * circuits are kept, as forgetting them would re-admit failing targets.
   */
  #evictHealthy(): void {
    for (const [id, breaker] of this.#breakers) {
      if (breaker.state === 'closed' && breaker.failures === 0) this.#breakers.delete(id);
    }
    if (this.#breakers.size >= this.#maxTargets) {
      const oldest = this.#breakers.keys().next();
      if (oldest.done !== true) this.#breakers.delete(oldest.value);
    }
  }
}
