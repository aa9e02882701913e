/**
 * Reads how long an upstream asks us to wait: `retry-after-ms` (sent by some
 * providers, read by the official SDKs) or `retry-after`, as delay-seconds or
 * an HTTP-date (RFC 9110 §10.2.3). Header names are expected lowercased, as
 * Node and undici deliver them.
 */

/** Longest wait honoured; a larger value is treated as this (routing has deadlines anyway). */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
const SECONDS = /^\d{1,10}(?:\.\d{1,6})?$/;

export function readRetryAfterMs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = first(headers['retry-after-ms']);
  if (milliseconds !== undefined && SECONDS.test(milliseconds)) {
    return clamp(Number(milliseconds));
  }
  const value = first(headers['retry-after']);
  if (value === undefined) return undefined;
  if (SECONDS.test(value)) return clamp(Number(value) * 1000);
  if (value.length > 64) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clamp(date - now);
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim();
}

function clamp(milliseconds: number): number {
  return Math.min(Math.max(0, Math.round(milliseconds)), MAX_RETRY_AFTER_MS);
}
