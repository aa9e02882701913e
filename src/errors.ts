/**
 * The one error class of the gateway and its code table.
 *
 * Every failure a client can see has a stable `code` from {@link ERROR_CODES}.
 * Messages are written for the caller and never contain prompts, bodies,
 * headers, keys or upstream internals; `cause` keeps the internal error for
 * logs (which redact it) and never reaches a client. `docs/errors.md` lists
 * every code with its fix; a test keeps the two in step.
 */

/** Code → HTTP status and the dialect-neutral error type. Exhaustive by construction. */
export const ERROR_CODES = {
  // Request shape (4xx, never retried)
  invalid_json: { status: 400, type: 'invalid_request' },
  invalid_request: { status: 400, type: 'invalid_request' },
  body_too_large: { status: 413, type: 'invalid_request' },
  too_deeply_nested: { status: 400, type: 'invalid_request' },
  too_many_messages: { status: 400, type: 'invalid_request' },
  invalid_tool_schema: { status: 400, type: 'invalid_request' },
  not_found: { status: 404, type: 'not_found' },
  method_not_allowed: { status: 405, type: 'invalid_request' },
  // Identity and limits
  missing_api_key: { status: 401, type: 'authentication' },
  invalid_api_key: { status: 401, type: 'authentication' },
  admin_unauthorized: { status: 401, type: 'authentication' },
  model_not_allowed: { status: 403, type: 'permission' },
  rate_limited: { status: 429, type: 'rate_limit' },
  // Routing
  unknown_model: { status: 404, type: 'not_found' },
  model_suspended: { status: 503, type: 'overloaded' },
  jurisdiction_blocked: { status: 451, type: 'permission' },
  no_available_target: { status: 503, type: 'overloaded' },
  deadline_exceeded: { status: 504, type: 'timeout' },
  // Upstream outcomes, after retries and fallback are exhausted
  upstream_error: { status: 502, type: 'api_error' },
  upstream_timeout: { status: 504, type: 'timeout' },
  upstream_rate_limited: { status: 429, type: 'rate_limit' },
  upstream_overloaded: { status: 503, type: 'overloaded' },
  upstream_invalid_request: { status: 400, type: 'invalid_request' },
  upstream_auth_failed: { status: 502, type: 'api_error' },
  upstream_model_unavailable: { status: 503, type: 'overloaded' },
  upstream_truncated: { status: 502, type: 'api_error' },
  upstream_bad_response: { status: 502, type: 'api_error' },
  // Guardrails (docs/guards.md)
  guard_blocked: { status: 400, type: 'invalid_request' },
  guard_failed: { status: 503, type: 'api_error' },
  // The gateway itself
  audit_unavailable: { status: 503, type: 'api_error' },
  store_unavailable: { status: 503, type: 'api_error' },
  shutting_down: { status: 503, type: 'overloaded' },
  internal_error: { status: 500, type: 'api_error' },
} as const satisfies Record<string, { status: number; type: ErrorType }>;

/** Dialect-neutral error families; each dialect maps them to its own `type` strings. */
export type ErrorType =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'overloaded'
  | 'timeout'
  | 'api_error';

export type ErrorCode = keyof typeof ERROR_CODES;

export interface GatewayErrorOptions {
  /** The internal error; logged (redacted), never sent to a client. */
  readonly cause?: unknown;
  /** Whether another attempt (same or next target) may succeed. */
  readonly retryable?: boolean;
  /** For 429/503: seconds the client should wait, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;
  /** The request field at fault, e.g. `messages[2].content` (OpenAI's `param`). */
  readonly param?: string;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly param: string | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.param = options.param;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get type(): ErrorType {
    return ERROR_CODES[this.code].type;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/**
 * Turns anything thrown into a GatewayError safe to show a client. Unknown
 * errors become `internal_error` with a fixed message: their text may hold
 * internals and is kept only as `cause`.
 */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  return new GatewayError('internal_error', 'The gateway failed to handle the request.', {
    cause: value,
  });
}
