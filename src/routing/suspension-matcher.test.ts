import { describe, expect, it } from 'vitest';
import type { Suspension } from '../store/types.ts';
import { compileSuspensions, NO_SUSPENSIONS } from './suspension-matcher.ts';

function suspension(pattern: string, reason = `reason for ${pattern}`): Suspension {
  return { pattern, reason, source: 'admin', createdAt: 0, createdBy: 'test' };
}

const gpt4o = { id: 'openai/gpt-4o', model: 'gpt-4o' };
const azureGpt4o = { id: 'azure/gpt-4o', model: 'gpt-4o' };
const claude = { id: 'anthropic/claude-sonnet-4', model: 'claude-sonnet-4' };

describe('compileSuspensions', () => {
  it('matches nothing when the list is empty', () => {
    expect(compileSuspensions([])).toBe(NO_SUSPENSIONS);
    expect(NO_SUSPENSIONS.match(gpt4o)).toBeUndefined();
  });

  it('suspends a target by its exact id only', () => {
    const matcher = compileSuspensions([suspension('openai/gpt-4o')]);
    expect(matcher.match(gpt4o)?.pattern).toBe('openai/gpt-4o');
    expect(matcher.match(azureGpt4o)).toBeUndefined();
  });

  it('suspends a bare model name at every provider', () => {
    const matcher = compileSuspensions([suspension('gpt-4o')]);
    expect(matcher.match(gpt4o)).toBeDefined();
    expect(matcher.match(azureGpt4o)).toBeDefined();
    expect(matcher.match(claude)).toBeUndefined();
  });

  it('suspends by glob over the id or the model name', () => {
    const byProvider = compileSuspensions([suspension('anthropic/*')]);
    expect(byProvider.match(claude)).toBeDefined();
    expect(byProvider.match(gpt4o)).toBeUndefined();
    const byModel = compileSuspensions([suspension('gpt-4?')]);
    expect(byModel.match(azureGpt4o)).toBeDefined();
  });

  it('ignores ASCII case so a kill switch errs on stopping', () => {
    const matcher = compileSuspensions([suspension('OpenAI/GPT-4O')]);
    expect(matcher.match(gpt4o)).toBeDefined();
  });

  it('returns the suspension with its reason and reflects only the list it was built from', () => {
    const matcher = compileSuspensions([suspension('claude-*', 'CVE-2025-0001'), suspension('x')]);
    expect(matcher.size).toBe(2);
    expect(matcher.match(claude)?.reason).toBe('CVE-2025-0001');
    // Cached results are per matcher: a new list is a new matcher.
    expect(matcher.match(claude)?.reason).toBe('CVE-2025-0001');
    expect(compileSuspensions([suspension('x')]).match(claude)).toBeUndefined();
  });
});
