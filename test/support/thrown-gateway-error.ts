/**
 * The GatewayError a piece of code throws, for tests that assert on its code,
 * param and message. Anything else thrown, or nothing, fails the test.
 */
import { GatewayError } from '../../src/errors.ts';

export function thrownGatewayError(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError to be thrown');
}

/** The GatewayError a promise (e.g. draining a stream) rejects with. */
export async function rejectedGatewayError(pending: Promise<unknown>): Promise<GatewayError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError rejection');
}
