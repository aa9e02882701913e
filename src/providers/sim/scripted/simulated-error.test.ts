import { describe, expect, it } from 'vitest';
import { simulatedError } from './simulated-error.ts';

describe('simulated upstream errors', () => {
  it.each([
    [429, 'upstream_rate_limited', true],
    [500, 'upstream_error', true],
    [502, 'upstream_error', true],
    [503, 'upstream_overloaded', true],
    [529, 'upstream_overloaded', true],
    [401, 'upstream_auth_failed', false],
    [404, 'upstream_model_unavailable', true],
    [408, 'upstream_timeout', true],
    [400, 'upstream_invalid_request', false],
  ] as const)('maps status %i to %s (retryable: %s)', (status, code, retryable) => {
    const error = simulatedError({ error: { status } });
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toBe(`The upstream (sim/scripted) returned a simulated ${status} error.`);
  });

  it('uses an explicit code and retry-after when the script gives them', () => {
    const error = simulatedError({
      error: { status: 500, code: 'upstream_timeout', retry_after: 3 },
    });
    expect(error.code).toBe('upstream_timeout');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(3);
  });
});
