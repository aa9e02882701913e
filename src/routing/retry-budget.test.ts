import { describe, expect, it } from 'vitest';
import { RetryBudget, RetryBudgets } from './retry-budget.ts';

describe('RetryBudget', () => {
  it('allows no retries with a zero ratio and no reserve', () => {
    const budget = new RetryBudget({ budgetRatio: 0, minRetriesPerSecond: 0 });
    budget.recordRequest(0);
    expect(budget.tryRetry(0)).toBe(false);
  });

  it('allows retries in proportion to recent requests', () => {
    const budget = new RetryBudget({ budgetRatio: 0.5, minRetriesPerSecond: 0 });
    for (let index = 0; index < 4; index++) budget.recordRequest(100);
    expect(budget.tryRetry(100)).toBe(true);
    expect(budget.tryRetry(100)).toBe(true);
    expect(budget.tryRetry(100)).toBe(false);
  });

  it('keeps a per-second reserve for quiet targets', () => {
    const budget = new RetryBudget({ budgetRatio: 0, minRetriesPerSecond: 0.2 });
    // 0.2/s over the 10 s window: two retries.
    expect(budget.tryRetry(0)).toBe(true);
    expect(budget.tryRetry(0)).toBe(true);
    expect(budget.tryRetry(0)).toBe(false);
  });

  it('forgets requests and retries that slid out of the window', () => {
    const budget = new RetryBudget({ budgetRatio: 1, minRetriesPerSecond: 0 });
    budget.recordRequest(0);
    expect(budget.tryRetry(0)).toBe(true);
    expect(budget.tryRetry(500)).toBe(false);
    // Ten seconds on, both the request and its retry have expired.
    expect(budget.tryRetry(10_500)).toBe(false);
    budget.recordRequest(10_500);
    expect(budget.tryRetry(10_600)).toBe(true);
  });

  it('counts a request for ten seconds, in one-second buckets', () => {
    const stillCounted = new RetryBudget({ budgetRatio: 1, minRetriesPerSecond: 0 });
    stillCounted.recordRequest(0);
    expect(stillCounted.tryRetry(9_999)).toBe(true);
    const expired = new RetryBudget({ budgetRatio: 1, minRetriesPerSecond: 0 });
    expired.recordRequest(0);
    expect(expired.tryRetry(10_000)).toBe(false);
  });
});

describe('RetryBudgets', () => {
  it('keeps one budget per target', () => {
    const budgets = new RetryBudgets({ budgetRatio: 1, minRetriesPerSecond: 0 });
    budgets.get('a/x').recordRequest(0);
    expect(budgets.get('a/x').tryRetry(0)).toBe(true);
    expect(budgets.get('b/y').tryRetry(0)).toBe(false);
    expect(budgets.get('a/x')).toBe(budgets.get('a/x'));
  });

  it('evicts the oldest budget when full', () => {
    const budgets = new RetryBudgets({ budgetRatio: 1, minRetriesPerSecond: 0 }, 2);
    const first = budgets.get('a');
    budgets.get('b');
    budgets.get('c');
    expect(budgets.get('a')).not.toBe(first);
  });
});
