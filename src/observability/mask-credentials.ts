/**
 * Masks credential-looking substrings inside free text (log messages, error
 * messages, field values) and bounds its length.
 *
 * Every pattern is ReDoS-safe: each quantifier is bounded, and adjacent
 * quantified parts are separated by a character the previous class cannot
 * match, so a failed match costs at most the bound, never a backtracking
 * explosion. Inputs are truncated (see {@link truncateForLog}) before masking.
 */

/** What a masked credential is replaced by. */
export const MASK = '[redacted]';

/** Longest string kept in a log line by default (2 KiB). */
export const DEFAULT_MAX_STRING_LENGTH = 2048;

const TRUNCATION_MARK = '…[truncated]';

interface MaskRule {
  readonly pattern: RegExp;
  readonly replacement: string;
}

const MASK_RULES: readonly MaskRule[] = [
  // PEM private keys: drop everything after the header (the body is the secret).
  {
    pattern: /-----BEGIN [A-Z ]{0,32}PRIVATE KEY-----[\s\S]{0,8192}/g,
    replacement: `-----BEGIN PRIVATE KEY-----${MASK}`,
  },
  // Credentials in URLs: https://user:password@host (RFC 3986 userinfo).
  { pattern: /(\/\/[^\s/?#@:]{1,256}):[^\s/?#@]{1,256}@/g, replacement: `$1:${MASK}@` },
  // Authorization header values (RFC 6750 bearer tokens, RFC 7617 basic credentials).
  { pattern: /\b(Bearer)[ \t]{1,8}[^\s"',;]{1,4096}/gi, replacement: `$1 ${MASK}` },
  { pattern: /\b(Basic)[ \t]{1,8}[A-Za-z0-9+/]{8,4096}={0,2}/gi, replacement: `$1 ${MASK}` },
  // Header lines echoed into text, e.g. "x-api-key: …" or "Cookie: a=b; c=d".
  {
    pattern:
      /\b(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|x-amz-security-token|set-cookie|cookie)(["']?[ \t]{0,4}[:=][ \t]{0,4})[^\r\n]{1,4096}/gi,
    replacement: `$1$2${MASK}`,
  },
  // JSON-shaped pairs inside text, e.g. an upstream error echoing {"api_key":"…"}.
  {
    pattern:
      /(["'](?:api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret|password|passwd)["'][ \t]{0,4}:[ \t]{0,4})["'][^"'\r\n]{0,4096}["']/gi,
    replacement: `$1"${MASK}"`,
  },
  // Query strings and key=value text, e.g. ?api_key=…, Azure SAS `sig=…`.
  {
    pattern:
      /\b(api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret|password|passwd|sig|signature|key)=[^&\s"'#]{1,4096}/gi,
    replacement: `$1=${MASK}`,
  },
  // Known key formats: ringfence gateway keys (rf_), OpenAI and Anthropic (sk-, sk-ant-),
  // Stripe-style (sk_live_), Google (AIza), GitHub (ghp_, github_pat_), Slack (xox?-), JWTs.
  // A JWT starts only where a token run starts (lookbehind, not \b, which also
  // matches after each `-`): otherwise "eyJ-eyJ-…" rescans the run from every
  // dash, quadratic time (found by the ReDoS gate, src/guards/redos.test.ts).
  {
    pattern:
      /\b(?:rf_[A-Za-z0-9_-]{8,512}|sk-[A-Za-z0-9_-]{8,512}|[sprk]k_(?:live|test)_[A-Za-z0-9]{8,512}|AIza[A-Za-z0-9_-]{30,64}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{0,4096})/g,
    replacement: MASK,
  },
  // AWS access key ids.
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replacement: MASK },
];

/**
 * Long token runs, masked only when they mix upper case, lower case and
 * digits, which random tokens practically always do while hex digests,
 * UUIDs and snake_case identifiers (safe to log) never do. Base64url runs
 * of 32+ characters; and standard-base64 runs of exactly 40 (AWS secret
 * access keys), which are not matched more widely because `/` also joins
 * model names (`org/Model-8B`) and paths.
 */
const LONG_TOKEN = /[A-Za-z0-9_-]{32,4096}|(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

/**
 * A cheap test every rule above needs to pass: the separator, scheme,
 * prefix or long run each pattern starts from. Most log strings (ids,
 * names, codes) fail it, and then skip the dozen full patterns.
 */
const MAY_HOLD_CREDENTIAL =
  /[:=]|-----|bearer|basic|\b(?:rf_|sk-|[sprk]k_|aiza|gh[pousr]_|github_pat_|xox|eyj|akia|asia|agpa|aida|aroa|anpa|anva|aipa)|[A-Za-z0-9_+/-]{32}/i;

/** Replaces credential-looking substrings of `text` with {@link MASK}. */
export function maskCredentials(text: string): string {
  if (!MAY_HOLD_CREDENTIAL.test(text)) return text;
  let masked = text;
  for (const rule of MASK_RULES) {
    masked = masked.replace(rule.pattern, rule.replacement);
  }
  return masked.replace(LONG_TOKEN, maskIfHighEntropy);
}

function maskIfHighEntropy(run: string): string {
  return mixesLetterCasesAndDigits(run) ? MASK : run;
}

/** Whether `text` holds at least one upper-case letter, one lower-case letter and one digit. */
export function mixesLetterCasesAndDigits(text: string): boolean {
  let upper = false;
  let lower = false;
  let digit = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) upper = true;
    else if (code >= 97 && code <= 122) lower = true;
    else if (code >= 48 && code <= 57) digit = true;
    if (upper && lower && digit) return true;
  }
  return false;
}

/**
 * Cuts `text` to `maxLength` characters. The cut also drops the token-like
 * run it lands in, so half a credential (too short for the patterns above to
 * recognise) is never left at the end.
 */
export function truncateForLog(
  text: string,
  maxLength: number = DEFAULT_MAX_STRING_LENGTH,
): string {
  if (text.length <= maxLength) return text;
  let end = maxLength;
  while (end > 0 && isTokenCharacter(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end) + TRUNCATION_MARK;
}

/** Truncates, then masks: the one call for any string headed for a log line. */
export function sanitizeText(text: string, maxLength: number = DEFAULT_MAX_STRING_LENGTH): string {
  return maskCredentials(truncateForLog(text, maxLength));
}

function isTokenCharacter(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 45 || // -
    code === 95 || // _
    code === 43 || // +
    code === 47 || // /
    code === 61 || // =
    code === 46 // .
  );
}
