/**
 * Reading the gateway's error bodies the way a client would, strictly: each
 * dialect has one exact shape (docs/errors.md), and nothing internal (stack
 * frames, exception class names, file paths, parser messages) may appear in
 * what a client sees. A plain module (no vitest), so tests assert on its
 * results with their own `expect`.
 */

export type WireDialect = 'openai' | 'anthropic';

export interface WireError {
  readonly dialect: WireDialect;
  /** The gateway's stable code. */
  readonly code: string;
  /** The dialect's own error type, e.g. `invalid_request_error`. */
  readonly type: string;
  readonly message: string;
  /** OpenAI only: the request field at fault, or null. */
  readonly param?: string | null;
}

/**
 * The error in `body` if it has exactly the shape of `dialect`:
 * OpenAI `{"error":{"message","type","param","code"}}`, Anthropic
 * `{"type":"error","error":{"type","message","code"}}`. Anything else
 * (extra or missing fields, wrong types) is `undefined`.
 */
export function readWireError(body: unknown, dialect: WireDialect): WireError | undefined {
  if (!isRecord(body)) return undefined;
  const inner = body['error'];
  if (!isRecord(inner)) return undefined;
  const { message, type, code } = inner;
  if (typeof message !== 'string' || typeof type !== 'string' || typeof code !== 'string') {
    return undefined;
  }
  if (dialect === 'openai') {
    const param = inner['param'];
    if (!sameKeys(body, ['error']) || !sameKeys(inner, ['message', 'type', 'param', 'code'])) {
      return undefined;
    }
    if (param !== null && typeof param !== 'string') return undefined;
    return { dialect, code, type, message, param };
  }
  if (body['type'] !== 'error' || !sameKeys(body, ['type', 'error'])) return undefined;
  if (!sameKeys(inner, ['type', 'message', 'code'])) return undefined;
  return { dialect, code, type, message };
}

/**
 * Signs of internals in client-visible text: stack frames, JavaScript
 * exception names, engine parser messages, file paths and module names.
 * Returns the patterns that matched (empty when the text is clean).
 */
export function internalDetails(text: string): string[] {
  return INTERNAL_PATTERNS.filter((pattern) => pattern.test(text)).map(String);
}

const INTERNAL_PATTERNS: readonly RegExp[] = [
  /\bat [\w$.<>]+ \(/, // a stack frame: "at parse (file:…)"
  /\b(?:Type|Syntax|Reference|Range|Eval|URI|Aggregate)Error\b/,
  /\bUnexpected (?:token|end of JSON)/, // JSON.parse's own words
  /\bstack\b/i,
  /(?:^|[\s("'])\/(?:work|home|tmp|usr|var|src|opt|root)\//, // absolute paths
  /\bnode:[a-z_]+/, // node:internal/…, node:http
  /\.(?:ts|js|mjs|cjs)\b/, // source file names
  /\b(?:ECONNRESET|EPIPE|ERR_[A-Z_]+)\b/,
  /\bundefined\b|\[object Object\]/,
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const actual = Object.keys(value).sort();
  const expected = [...keys].sort();
  return actual.length === expected.length && actual.every((key, index) => key === expected[index]);
}
