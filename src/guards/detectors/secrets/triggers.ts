/**
 * The secrets prefilter: two regex passes over the text find which rule
 * triggers occur, and only the rules with a trigger run. Checking each
 * trigger with `includes` would cost one scan per trigger (about forty).
 */
import type { SecretRule } from './rule.ts';

const escape = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * One alternation of escaped literals, longest first. An alternation of
 * literals has no quantifiers at all, so it runs in linear time whatever
 * the text (the ReDoS gate checks the compiled output too).
 */
function alternation(literals: readonly string[], flags: string): RegExp {
  const sorted = [...literals].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escape).join('|'), flags);
}

/** For each trigger, the triggers it contains (`sk-ant-` implies `sk-`), itself included. */
function implications(literals: readonly string[]): ReadonlyMap<string, readonly string[]> {
  return new Map(
    literals.map((trigger) => [trigger, literals.filter((other) => trigger.includes(other))]),
  );
}

export interface TriggerScanner {
  /** The compiled alternations, exported for the ReDoS gate. */
  readonly patterns: readonly RegExp[];
  /** The rules with at least one trigger in the text, in rule order. */
  rulesFor(text: string): readonly SecretRule[];
}

/**
 * Compiles the triggers of `rules` into two alternations: the shaped-token
 * prefixes, case-sensitive (with `i`, `sk` would fire on every "task"), and
 * the keywords (`token`, `secret`, …), case-insensitive. Two short
 * alternations scan several times faster than one long one, whose first
 * characters cover most of the alphabet.
 */
export function compileTriggers(rules: readonly SecretRule[]): TriggerScanner {
  const exact = [
    ...new Set(
      rules
        .filter((rule) => rule.caseInsensitiveTriggers !== true)
        .flatMap((rule) => rule.triggers),
    ),
  ];
  const folded = [
    ...new Set(
      rules
        .filter((rule) => rule.caseInsensitiveTriggers === true)
        .flatMap((rule) => rule.triggers.map((trigger) => trigger.toLowerCase())),
    ),
  ];
  const exactPattern = exact.length > 0 ? alternation(exact, 'g') : undefined;
  const foldedPattern = folded.length > 0 ? alternation(folded, 'gi') : undefined;
  const exactImplied = implications(exact);
  const foldedImplied = implications(folded);
  const collect = (
    pattern: RegExp | undefined,
    implied: ReadonlyMap<string, readonly string[]>,
    text: string,
    fold: boolean,
  ): Set<string> => {
    const seen = new Set<string>();
    if (pattern === undefined) return seen;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const trigger = fold ? match[0].toLowerCase() : match[0];
      for (const each of implied.get(trigger) ?? []) seen.add(each);
    }
    return seen;
  };
  return {
    patterns: [exactPattern, foldedPattern].filter((pattern) => pattern !== undefined),
    rulesFor(text: string): readonly SecretRule[] {
      const seenExact = collect(exactPattern, exactImplied, text, false);
      const seenFolded = collect(foldedPattern, foldedImplied, text, true);
      if (seenExact.size === 0 && seenFolded.size === 0) return [];
      return rules.filter((rule) => {
        const fold = rule.caseInsensitiveTriggers === true;
        const seen = fold ? seenFolded : seenExact;
        return (
          rule.triggers.some((trigger) => seen.has(fold ? trigger.toLowerCase() : trigger)) &&
          (rule.requires ?? []).every((required) => text.includes(required))
        );
      });
    },
  };
}
