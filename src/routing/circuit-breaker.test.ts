import { describe, expect, it } from 'vitest';
import type { BreakerState } from './circuit-breaker.ts';
import { CircuitBreaker, CircuitBreakers } from './circuit-breaker.ts';

const config = { failureThreshold: 3, cooldownMs: 1_000 };

function openBreaker(changes: [string, BreakerState][] = []): CircuitBreaker {
  const breaker = new CircuitBreaker('p/m', config, (id, state) => changes.push([id, state]));
  for (let index = 0; index < 3; index++) {
    expect(breaker.tryAcquire(0)).toBe(true);
    breaker.recordFailure(0);
  }
  return breaker;
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets on success', () => {
    const breaker = new CircuitBreaker('p/m', config);
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire(0)).toBe(true);
  });

  it('opens after failureThreshold consecutive failures and refuses during the cooldown', () => {
    const changes: [string, BreakerState][] = [];
    const breaker = openBreaker(changes);
    expect(breaker.state).toBe('open');
    expect(changes).toEqual([['p/m', 'open']]);
    expect(breaker.tryAcquire(999)).toBe(false);
    expect(breaker.retryInMs(400)).toBe(600);
  });

  it('admits exactly one half-open probe after the cooldown', () => {
    const breaker = openBreaker();
    expect(breaker.tryAcquire(1_000)).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire(1_001)).toBe(false);
    expect(breaker.tryAcquire(5_000)).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const changes: [string, BreakerState][] = [];
    const breaker = openBreaker(changes);
    breaker.tryAcquire(1_000);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire(1_000)).toBe(true);
    expect(changes.map(([, state]) => state)).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens with a fresh cooldown when the probe fails', () => {
    const breaker = openBreaker();
    breaker.tryAcquire(1_000);
    breaker.recordFailure(1_200);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire(2_100)).toBe(false);
    expect(breaker.tryAcquire(2_200)).toBe(true);
  });

  it('frees the probe slot when the probe ends without a verdict', () => {
    const breaker = openBreaker();
    breaker.tryAcquire(1_000);
    breaker.release();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire(1_001)).toBe(true);
    expect(breaker.tryAcquire(1_002)).toBe(false);
  });

  it('ignores a late failure from a request admitted before the circuit opened', () => {
    const breaker = openBreaker();
    breaker.recordFailure(500);
    expect(breaker.tryAcquire(1_000)).toBe(true);
  });
});

describe('CircuitBreakers', () => {
  it('reports the state of every target it has seen', () => {
    const breakers = new CircuitBreakers({ failureThreshold: 1, cooldownMs: 1_000 });
    breakers.get('a/x').recordFailure(0);
    breakers.get('b/y');
    expect(breakers.states()).toEqual(
      new Map<string, BreakerState>([
        ['a/x', 'open'],
        ['b/y', 'closed'],
      ]),
    );
  });

  it('evicts healthy breakers first when full, keeping open circuits', () => {
    const breakers = new CircuitBreakers({ failureThreshold: 1, cooldownMs: 1_000 }, undefined, 2);
    const open = breakers.get('a/x');
    open.recordFailure(0);
    breakers.get('b/y');
    breakers.get('c/z');
    expect(breakers.get('a/x')).toBe(open);
    expect(breakers.states().has('b/y')).toBe(false);
  });
});
