/**
 * Makes a provider's error message safe to show a caller: control characters
 * become spaces, anything key-like becomes `[redacted]`, and the result is
 * capped. Used only for `upstream_invalid_request`, where the provider's own
 * words (e.g. "prompt is too long") help the caller fix the request.
 */

export const MAX_PROVIDER_MESSAGE = 300;
/** Longest input looked at; bounds the regex work. */
const MAX_SCANNED = 2_000;

/**
 * Key-like runs: `sk-…` keys (Anthropic `sk-ant-…`, OpenAI `sk-…`), long
 * base64 / hex runs, and long base64url runs (long enough to spare model
 * names such as `claude-sonnet-4-5-20250929`). Each alternative is one
 * character class with one quantifier: linear, no backtracking blow-up.
 */
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{4,}|[A-Za-z0-9+/=]{32,}|[A-Za-z0-9_-]{40,}/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what it matches
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function scrubProviderMessage(text: string): string {
  const scrubbed = text
    .slice(0, MAX_SCANNED)
    .replace(CONTROL, ' ')
    .replace(KEY_LIKE, '[redacted]')
    .trim();
  return scrubbed.length <= MAX_PROVIDER_MESSAGE
    ? scrubbed
    : `${scrubbed.slice(0, MAX_PROVIDER_MESSAGE - 1)}…`;
}
