/**
 * Email addresses (RFC 5321 §4.1.2 dot-atom local part, host names of
 * LDH labels). Addresses at the RFC 2606 / RFC 6761 reserved names
 * (example.com, .test, .invalid, .localhost, .example) are documentation,
 * not anyone's data, and are not reported; nor are asset names such as
 * `logo@2x.png`, whose "top-level domain" is a file extension.
 */
import type { PiiMatch } from './pii-match.ts';

// Local part starts where no local-part character precedes it, so a run is
// tried once; labels and counts are bounded.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

const RESERVED_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local|internal|lan|home\.arpa)$/i;
const FILE_EXTENSION =
  /^(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|js|mjs|cjs|ts|tsx|jsx|css|scss|json|map|html?|txt|md|ya?ml|xml|pdf|zip|gz|wasm|woff2?|ttf|mp[34]|lock)$/i;

/** Longest local part: a match's `@` is at most this many characters after its start. */
const MAX_LOCAL_PART = 64;

/**
 * The matches of {@link EMAIL}, scanned only near each `@`: a match starting
 * at `s` has its `@` in `(s, s + 64]`, so no match starts more than 64
 * characters before the next `@`, and the regex skips the text in between
 * (the same matches as one scan from the start, without its cost on long
 * texts with few addresses).
 */
function emailMatches(text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from + 1);
    if (at === -1) break;
    EMAIL.lastIndex = Math.max(from, at - MAX_LOCAL_PART);
    const match = EMAIL.exec(text);
    if (match === null) break;
    matches.push(match);
    from = EMAIL.lastIndex;
  }
  EMAIL.lastIndex = 0;
  return matches;
}

export function scanEmails(text: string): PiiMatch[] {
  if (!text.includes('@')) return [];
  return collectMatches(emailMatches(text), (match) => {
    const address = match[0];
    // `scheme://user:password@host` is a URL's userinfo, not an address.
    const previous = text[match.index - 1];
    if ((previous === ':' || previous === '/') && !text.slice(0, match.index).endsWith('mailto:')) {
      return undefined;
    }
    const domain = address.slice(address.indexOf('@') + 1);
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (RESERVED_DOMAIN.test(domain) || FILE_EXTENSION.test(tld)) return undefined;
    // A leading digit label right after `@` is a version (`pkg@1.2.x`) or
    // a density (`icon@2x.png`), never a mail host in practice.
    if (/^[0-9]/.test(domain) && /^[0-9x.]+$/.test(domain.slice(0, domain.lastIndexOf('.')))) {
      return undefined;
    }
    return {
      rule: 'email',
      type: 'email',
      start: match.index,
      end: match.index + address.length,
      score: 0.95,
      reason: 'an email address',
    };
  });
}

function collectMatches(
  matches: readonly RegExpExecArray[],
  accept: (match: RegExpExecArray) => PiiMatch | undefined,
): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const match of matches) {
    const accepted = accept(match);
    if (accepted !== undefined) found.push(accepted);
  }
  return found;
}
