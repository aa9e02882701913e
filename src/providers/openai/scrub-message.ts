/**
 * Makes an upstream's own error text safe to pass to a caller: the text can
 * explain a rejected request ("maximum context length is …") but could also
 * echo a credential, so anything key-like is replaced and the length capped.
 * Every pattern is a single character class under one quantifier: linear time.
 */

export const MAX_UPSTREAM_MESSAGE_LENGTH = 300;
/** Only this much of the upstream text is looked at. */
const MAX_SCANNED_LENGTH = 4_096;

/** `sk-…` keys (OpenAI `sk-proj-…`, Anthropic `sk-ant-…`). */
const SECRET_KEY = /\bsk-[A-Za-z0-9_-]{16,}/g;
/** Long base64 / base64url / hex runs: tokens, keys, signatures. */
const LONG_TOKEN = /[A-Za-z0-9+/=_-]{32,}/g;
/** Control characters (including CR/LF) would let the text forge log lines. */
const CONTROL = /\p{Cc}+/gu;

export function scrubUpstreamMessage(message: string): string {
  const scrubbed = message
    .slice(0, MAX_SCANNED_LENGTH)
    .replace(CONTROL, ' ')
    .replace(SECRET_KEY, '[redacted]')
    .replace(LONG_TOKEN, '[redacted]')
    .trim();
  return scrubbed.length > MAX_UPSTREAM_MESSAGE_LENGTH
    ? `${scrubbed.slice(0, MAX_UPSTREAM_MESSAGE_LENGTH - 1)}…`
    : scrubbed;
}
