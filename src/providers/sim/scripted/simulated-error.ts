import { GatewayError } from '../../../errors.ts';
import type { GatewayErrorOptions } from '../../../errors.ts';
import type { ScriptError, ScriptErrorCode } from './script-schema.ts';

/**
 * The GatewayError a real provider's HTTP status would become, so fallback,
 * retries and breakers can be exercised without a real upstream.
 */
export function simulatedError(step: ScriptError): GatewayError {
  const { status, code, retry_after: retryAfter } = step.error;
  const errorCode = code ?? codeForStatus(status);
  const options: GatewayErrorOptions = {
    retryable: isRetryable(errorCode),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
  };
  return new GatewayError(
    errorCode,
    `The upstream (sim/scripted) returned a simulated ${status} error.`,
    options,
  );
}

export function codeForStatus(status: number): ScriptErrorCode {
  if (status === 429) return 'upstream_rate_limited';
  if (status === 503 || status === 529) return 'upstream_overloaded';
  if (status >= 500) return 'upstream_error';
  if (status === 401 || status === 403) return 'upstream_auth_failed';
  if (status === 404) return 'upstream_model_unavailable';
  if (status === 408) return 'upstream_timeout';
  return 'upstream_invalid_request';
}

/** Another attempt may succeed unless the request itself or the credentials are at fault. */
export function isRetryable(code: ScriptErrorCode): boolean {
  switch (code) {
    case 'upstream_error':
    case 'upstream_timeout':
    case 'upstream_rate_limited':
    case 'upstream_overloaded':
    case 'upstream_model_unavailable':
    case 'upstream_truncated':
    case 'upstream_bad_response':
      return true;
    case 'upstream_invalid_request':
    case 'upstream_auth_failed':
      return false;
  }
}
