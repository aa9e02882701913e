/**
 * What the exfiltration rules need from a URL: its host, whether it leaves
 * the allowed domains, and whether it carries data. Parsed by hand with
 * `URL` as the judge, so a malformed URL is simply "not a URL".
 */

export interface UrlFacts {
  /** Lower-case host name, without port. */
  readonly host: string;
  /** Whether the URL carries a data payload in its query or path. */
  readonly payload: boolean;
}

/**
 * Parses an absolute http(s) or protocol-relative URL; undefined for
 * relative, `data:`, `cid:` and other URLs that fetch nothing from a third
 * party when rendered.
 */
export function urlFacts(raw: string): UrlFacts | undefined {
  const absolute = raw.startsWith('//') ? `https:${raw}` : raw;
  if (!/^https?:\/\//i.test(absolute)) return undefined;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  return { host: url.hostname.toLowerCase().replace(/\.$/, ''), payload: carriesPayload(url) };
}

/** Whether the host is an allowed domain or a subdomain of one. */
export function isAllowed(host: string, allowedDomains: readonly string[]): boolean {
  return allowedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Query values and path segments this long are data, not navigation. */
const LONG_VALUE = 64;
/** Encoded-looking values from this length on (base64, hex, percent runs). */
const ENCODED_VALUE = 24;
const ENCODED = /^(?:[A-Za-z0-9+/_-]{24,}={0,2}|[0-9a-fA-F]{24,})$/;

function carriesPayload(url: URL): boolean {
  if (url.search.length > 256) return true;
  for (const [, value] of url.searchParams) {
    if (looksLikeData(value)) return true;
  }
  for (const segment of url.pathname.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Malformed percent-encoding: judge the raw segment.
    }
    if (decoded.length >= LONG_VALUE && looksLikeData(decoded)) return true;
  }
  return false;
}

function looksLikeData(value: string): boolean {
  if (value.length >= LONG_VALUE) return true;
  if (value.length < ENCODED_VALUE) return false;
  // A value with spaces (decoded from `+` or %20) is a sentence being sent.
  if (value.includes(' ') && value.length >= 32) return true;
  return ENCODED.test(value) && hasDigitAndLetter(value);
}

function hasDigitAndLetter(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
