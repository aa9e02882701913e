import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import { finalError, RoutingTally } from './final-error.ts';

function tally(
  counts: Partial<Pick<RoutingTally, 'jurisdiction' | 'circuitOpen' | 'failed'>>,
  suspensions: string[] = [],
): RoutingTally {
  const result = new RoutingTally();
  Object.assign(result, counts);
  for (const reason of suspensions) result.addSuspension(reason);
  return result;
}

const upstream = new GatewayError('upstream_overloaded', 'The upstream provider is overloaded.', {
  retryable: true,
  retryAfterSeconds: 7,
});

describe('finalError', () => {
  it('answers deadline_exceeded when time ran out, whatever else happened', () => {
    expect(finalError(tally({ failed: 3 }), upstream, 'deadline', 'eu').code).toBe(
      'deadline_exceeded',
    );
  });

  it('returns the last upstream error when failures explain the most targets', () => {
    expect(finalError(tally({ failed: 2, jurisdiction: 1 }), upstream, undefined, 'eu')).toBe(
      upstream,
    );
  });

  it('breaks a tie between a failure and a suspension in favour of the failure, noting the suspension', () => {
    const error = finalError(tally({ failed: 1 }, ['Retired']), upstream, undefined, 'eu');
    expect(error.code).toBe('upstream_overloaded');
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toContain('Some targets are suspended: Retired.');
  });

  it('names each distinct suspension reason once', () => {
    const error = finalError(
      tally({}, ['CVE-1', 'CVE-1', 'Contract ended']),
      undefined,
      undefined,
      'eu',
    );
    expect(error.code).toBe('model_suspended');
    expect(error.message).toBe('The requested model is suspended: CVE-1; Contract ended.');
  });

  it('answers no_available_target with the wait until the earliest probe, rounded up', () => {
    const counts = tally({ circuitOpen: 2 });
    counts.circuitRetryInMs = 1_200;
    const error = finalError(counts, undefined, undefined, 'eu');
    expect(error.code).toBe('no_available_target');
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('echoes only the characters of a region code', () => {
    const error = finalError(tally({ jurisdiction: 1 }), undefined, undefined, 'eu"<script>');
    expect(error.message).toBe("No target of the requested model may serve region 'euscript'.");
  });

  it('answers no_available_target when there was no target at all', () => {
    expect(finalError(new RoutingTally(), undefined, undefined, '').code).toBe(
      'no_available_target',
    );
  });
});
