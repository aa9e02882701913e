/**
 * How long an upstream asks us to wait, in milliseconds, from its headers:
 * `retry-after-ms` (fractional milliseconds; sent by OpenAI and Azure, read
 * by the official SDKs) wins over the standard `retry-after`, which is
 * delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Header names are expected
 * lowercased, as Node and undici deliver them; of a repeated header, the
 * first value counts.
 */

type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

/** Longest wait honoured; a larger one is taken as this (routing has deadlines anyway). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/** Longer header values are neither a delay nor an HTTP-date (29 characters), and are ignored. */
const MAX_HEADER_LENGTH = 64;
/** A non-negative decimal: bounded digits, no nested quantifiers. */
const DECIMAL = /^\d{1,10}(?:\.\d{1,6})?$/;
const DAY_NAME = /^[A-Za-z]{3}/;

export function readRetryAfterMs(headers: HeaderMap, now: number = Date.now()): number | undefined {
  const milliseconds = firstValue(headers['retry-after-ms']);
  if (milliseconds !== undefined && DECIMAL.test(milliseconds)) {
    return clamp(Number(milliseconds));
  }
  const value = firstValue(headers['retry-after']);
  if (value === undefined) return undefined;
  if (DECIMAL.test(value)) return clamp(Number(value) * 1000);
  // Every HTTP-date form begins with a day name; `Date.parse` alone would
  // also take strings such as "-5" (a year).
  if (!DAY_NAME.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clamp(date - now);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  const trimmed = first.trim();
  return trimmed === '' || trimmed.length > MAX_HEADER_LENGTH ? undefined : trimmed;
}

/** Rounded up: waiting a fraction too long is harmless, retrying too early is not. */
function clamp(milliseconds: number): number {
  return Math.min(Math.max(0, Math.ceil(milliseconds)), MAX_RETRY_AFTER_MS);
}
