/**
 * The caller's `anthropic-beta` request header: the beta features it opts
 * into (https://docs.anthropic.com/en/api/beta-headers), e.g.
 * `prompt-caching-2024-07-31,context-1m-2025-08-07`. Forwarded only to an
 * Anthropic upstream and only for an Anthropic caller (see
 * `ChatCall.passthroughHeaders`), so it is validated here, once, as a
 * bounded list of beta names; a beta alone grants nothing the gateway
 * refuses, since the request fields it would unlock (`mcp_servers`,
 * `container`, server tools) are rejected by the parser whatever betas are on.
 */
import { invalid } from './request-checks.ts';

/** The header's name, lowercase as Node delivers request headers. */
export const ANTHROPIC_BETA_HEADER = 'anthropic-beta';

/** Far above real use (a handful of betas of about 25 characters each). */
const MAX_HEADER_LENGTH = 1_024;
const MAX_BETAS = 32;
/** One beta name: lowercase letters, digits and `-`. One character class, bounded: linear. */
const BETA_NAME = /^[a-z0-9-]{1,64}$/;

/**
 * The beta names as one comma-separated value, without blanks or repeats;
 * `undefined` when the header is absent or lists nothing. A repeated header
 * (an array, or values Node joined with ", ") is one list, as RFC 9110 §5.3
 * defines for list-valued fields.
 */
export function readAnthropicBeta(
  value: string | readonly string[] | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.join(',');
  if (text.length > MAX_HEADER_LENGTH) {
    throw invalid(ANTHROPIC_BETA_HEADER, `header must be at most ${MAX_HEADER_LENGTH} characters.`);
  }
  const names: string[] = [];
  // Empty list elements and optional whitespace around commas are allowed (RFC 9110 §5.6.1).
  for (const element of text.split(',')) {
    const name = element.trim();
    if (name === '') continue;
    if (!BETA_NAME.test(name)) {
      throw invalid(
        ANTHROPIC_BETA_HEADER,
        'header must be a comma-separated list of beta names (lowercase letters, digits and "-").',
      );
    }
    if (names.includes(name)) continue;
    if (names.length === MAX_BETAS) {
      throw invalid(ANTHROPIC_BETA_HEADER, `header must list at most ${MAX_BETAS} betas.`);
    }
    names.push(name);
  }
  return names.length === 0 ? undefined : names.join(',');
}
