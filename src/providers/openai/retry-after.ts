/**
 * How long an upstream asks us to wait, in milliseconds. OpenAI sends
 * `retry-after-ms` (fractional milliseconds) beside the standard `retry-after`
 * (RFC 9110 §10.2.3: delay-seconds or an HTTP-date); the finer one wins.
 */

type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

/** Header values longer than this are not a delay and are ignored. */
const MAX_HEADER_LENGTH = 64;

export function retryAfterMs(headers: HeaderMap, now: number = Date.now()): number | undefined {
  const milliseconds = parseDelay(firstValue(headers['retry-after-ms']));
  if (milliseconds !== undefined) return Math.ceil(milliseconds);
  const value = firstValue(headers['retry-after']);
  if (value === undefined) return undefined;
  const seconds = parseDelay(value);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  const trimmed = first.trim();
  return trimmed === '' || trimmed.length > MAX_HEADER_LENGTH ? undefined : trimmed;
}

/** A non-negative decimal number, or undefined (an HTTP-date is not a number). */
function parseDelay(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(?:\.\d+)?$/.test(value)) return undefined;
  return Number(value);
}
