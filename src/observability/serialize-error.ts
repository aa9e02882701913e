import { sanitizeText } from './mask-credentials.ts';

/**
 * An error as it appears in a log line: no stack (it can hold paths and,
 * for errors built from upstream responses, fragments of bodies) and no
 * other own properties (clients attach requests, responses and headers to
 * their errors). Messages are cut short and masked.
 */
// A type alias, not an interface, so it is assignable to JSON value types.
export type SerializedError = {
  readonly name: string;
  readonly code?: string | number;
  readonly message: string;
  readonly cause?: SerializedError;
};

/** Longest error message kept: enough for a diagnosis, too short to carry a body. */
export const MAX_ERROR_MESSAGE_LENGTH = 512;
const MAX_NAME_LENGTH = 64;
const MAX_CAUSE_DEPTH = 3;

export function serializeError(error: Error): SerializedError {
  return serializeAtDepth(error, 0);
}

function serializeAtDepth(error: Error, depth: number): SerializedError {
  const name = sanitizeText(readString(error, 'name') ?? 'Error', MAX_NAME_LENGTH);
  const message = sanitizeText(readString(error, 'message') ?? '', MAX_ERROR_MESSAGE_LENGTH);
  const code = readCode(error);
  const cause = depth < MAX_CAUSE_DEPTH ? readCause(error) : undefined;
  return {
    name,
    ...(code === undefined ? {} : { code }),
    message,
    ...(cause === undefined ? {} : { cause: serializeAtDepth(cause, depth + 1) }),
  };
}

function readString(error: Error, property: 'name' | 'message'): string | undefined {
  try {
    const value: unknown = error[property];
    return typeof value === 'string' ? value : undefined;
  } catch {
    // A throwing getter must not take the log line (or the request) down with it.
    return undefined;
  }
}

function readCode(error: Error): string | number | undefined {
  try {
    const code: unknown = (error as { readonly code?: unknown }).code;
    if (typeof code === 'string') return sanitizeText(code, MAX_NAME_LENGTH);
    if (typeof code === 'number' && Number.isFinite(code)) return code;
    return undefined;
  } catch {
    return undefined;
  }
}

function readCause(error: Error): Error | undefined {
  try {
    return error.cause instanceof Error ? error.cause : undefined;
  } catch {
    return undefined;
  }
}
