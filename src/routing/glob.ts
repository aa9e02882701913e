/**
 * Glob patterns with `*` (any run of characters, `/` included) and `?` (one
 * UTF-16 code unit); every other character is literal. Used for suspension
 * patterns, which are operator- or feed-written, so matching must never
 * backtrack: no `RegExp` is built from a pattern.
 *
 * The pattern is split at its stars into literal segments. The first must be
 * a prefix, the last a suffix, and the middle ones are found greedily, each at
 * its leftmost position after the previous one. Greedy leftmost placement is
 * always safe because a star can absorb whatever the segments skip, so there
 * is no backtracking: the work is one forward scan per segment, at most
 * O(|subject| · |pattern|), and linear in the subject for a fixed pattern
 * (the approach of Russ Cox, "Glob Matching Can Be Simple And Fast Too", 2017).
 */

export interface CompiledGlob {
  readonly pattern: string;
  /** True when the pattern has no `*` or `?`, so equality is a full test. */
  readonly literal: boolean;
  test(subject: string): boolean;
}

export function compileGlob(pattern: string): CompiledGlob {
  const parts = pattern.split('*');
  const hasStar = parts.length > 1;
  const literal = !hasStar && !pattern.includes('?');
  if (!hasStar) {
    return {
      pattern,
      literal,
      test: literal
        ? (subject) => subject === pattern
        : (subject) => subject.length === pattern.length && matchesAt(pattern, subject, 0),
    };
  }
  const prefix = parts[0] ?? '';
  const suffix = parts[parts.length - 1] ?? '';
  // Consecutive stars leave empty segments, which match anywhere: drop them.
  const middle = parts.slice(1, -1).filter((segment) => segment !== '');
  const middleHasWildcard = middle.map((segment) => segment.includes('?'));
  let minLength = prefix.length + suffix.length;
  for (const segment of middle) minLength += segment.length;

  return {
    pattern,
    literal,
    test(subject: string): boolean {
      if (subject.length < minLength) return false;
      if (!matchesAt(prefix, subject, 0)) return false;
      const end = subject.length - suffix.length;
      if (!matchesAt(suffix, subject, end)) return false;
      let position = prefix.length;
      for (let index = 0; index < middle.length; index++) {
        const segment = middle[index] ?? '';
        const found =
          middleHasWildcard[index] === true
            ? findWithWildcards(segment, subject, position, end)
            : subject.indexOf(segment, position);
        if (found === -1 || found + segment.length > end) return false;
        position = found + segment.length;
      }
      return true;
    },
  };
}

/** One-shot convenience for {@link compileGlob}. */
export function globMatch(pattern: string, subject: string): boolean {
  return compileGlob(pattern).test(subject);
}

/** Whether `segment` (which may hold `?`) matches `subject` starting at `start`. */
function matchesAt(segment: string, subject: string, start: number): boolean {
  if (start < 0 || start + segment.length > subject.length) return false;
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    if (code !== 63 /* ? */ && code !== subject.charCodeAt(start + index)) return false;
  }
  return true;
}

/** Leftmost position at or after `from` where `segment` matches and ends by `end`, or -1. */
function findWithWildcards(segment: string, subject: string, from: number, end: number): number {
  for (let start = from; start + segment.length <= end; start++) {
    if (matchesAt(segment, subject, start)) return start;
  }
  return -1;
}
