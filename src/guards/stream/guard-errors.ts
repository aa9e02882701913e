/**
 * The two ways the output guard ends a stream. Messages name the detector,
 * rule and location so an operator can find the policy that fired, and never
 * the matched text: it may be the very secret that was stopped.
 */
import { GatewayError } from '../../errors.ts';
import type { DecidedFinding } from '../types.ts';

/** A `block` decision: the answer must not continue. */
export function guardBlockedError(decided: DecidedFinding): GatewayError {
  const { finding, location } = decided;
  return new GatewayError(
    'guard_blocked',
    `The answer was blocked by the output guard (detector ${finding.detector}, rule ${finding.rule}, at ${location}).`,
  );
}

/**
 * The guard could not decide: fail closed, since an answer that was not
 * inspected must not be released (shared/STYLE.md: no fail-open adapters).
 */
export function guardFailedError(cause: unknown): GatewayError {
  return new GatewayError('guard_failed', 'The output guard failed, so the answer was stopped.', {
    cause,
  });
}
