/** The shape of one secrets rule; the list is in rules.ts. */

/** One credential found by a rule, in the coordinates of the scanned text. */
export interface SecretMatch {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface SecretRule {
  /** Stable id, e.g. `openai-api-key`. */
  readonly id: string;
  /** Redaction label, e.g. `openai_key`. */
  readonly type: string;
  /** What the rule matches, for finding reasons and docs. */
  readonly description: string;
  /**
   * Substrings of which at least one must occur before the rule runs: the
   * prefilter that keeps ordinary text at one `indexOf` per trigger.
   */
  readonly triggers: readonly string[];
  /** Whether the triggers count in any letter case (keywords: `token`, `Token`, `AUTH_TOKEN`). */
  readonly caseInsensitiveTriggers?: boolean;
  /** Substrings that must all occur too (checked only once a trigger has), e.g. `@` for URL userinfo. */
  readonly requires?: readonly string[];
  /** Rules that only fire near a keyword; a specific rule's match wins over them. */
  readonly generic?: boolean;
  scan(text: string): readonly SecretMatch[];
}

/**
 * A rule from one global regex: `group` names the capture holding the secret
 * (the whole match by default) and `score` validates it, returning 0 to drop
 * the match. The regex must carry the `g` flag and, when `group` is set, `d`.
 */
export function regexScan(
  pattern: RegExp,
  score: (secret: string, match: RegExpExecArray) => number,
  group = 0,
): (text: string) => readonly SecretMatch[] {
  return (text) => {
    const found: SecretMatch[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const secret = match[group];
      const indices = group === 0 ? undefined : match.indices?.[group];
      if (secret !== undefined && secret.length > 0) {
        const value = score(secret, match);
        if (value > 0) {
          const start = indices === undefined ? match.index : indices[0];
          found.push({ start, end: start + secret.length, score: value });
        }
      }
      if (match[0].length === 0) pattern.lastIndex++;
    }
    return found;
  };
}
