/**
 * Makes a provider's own error text safe to pass to a caller. Used only for
 * `upstream_invalid_request`, where the provider's words ("maximum context
 * length is …", "prompt is too long") help the caller fix the request; but the
 * text could also echo a credential or forge log lines, so control characters
 * become spaces, anything key-like becomes `[redacted]`, and the result is
 * capped.
 */

export const MAX_PROVIDER_MESSAGE_LENGTH = 300;
/** Only this much of the provider's text is looked at; bounds the regex work. */
const MAX_SCANNED_LENGTH = 4_096;

/**
 * Key-like runs: `sk-…` keys (OpenAI `sk-proj-…`, Anthropic `sk-ant-…`), long
 * base64 / hex runs, and long base64url runs (long enough to spare model names
 * such as `claude-sonnet-4-5-20250929`). Each alternative is one character
 * class under one quantifier: linear, no backtracking blow-up.
 */
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{4,}|[A-Za-z0-9+/=]{32,}|[A-Za-z0-9_-]{40,}/g;
/** Control characters (C0, DEL, C1), CR and LF included. */
const CONTROL = /\p{Cc}+/gu;

export function scrubProviderMessage(text: string): string {
  const scrubbed = text
    .slice(0, MAX_SCANNED_LENGTH)
    .replace(CONTROL, ' ')
    .replace(KEY_LIKE, '[redacted]')
    .trim();
  return scrubbed.length <= MAX_PROVIDER_MESSAGE_LENGTH
    ? scrubbed
    : `${scrubbed.slice(0, MAX_PROVIDER_MESSAGE_LENGTH - 1)}…`;
}
