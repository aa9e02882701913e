import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, globMatch } from './glob.ts';

/**
 * Reference semantics: textbook dynamic programming over pattern and subject
 * prefixes (`row[s]`: does the pattern so far match the first `s` characters).
 */
function referenceMatch(pattern: string, subject: string): boolean {
  let row: boolean[] = Array.from({ length: subject.length + 1 }, (_, s) => s === 0);
  for (const char of pattern) {
    const next: boolean[] = new Array<boolean>(subject.length + 1).fill(false);
    for (let s = 0; s <= subject.length; s++) {
      if (char === '*') {
        next[s] = row[s] === true || (s > 0 && next[s - 1] === true);
      } else if (s > 0 && (char === '?' || char === subject[s - 1])) {
        next[s] = row[s - 1] === true;
      }
    }
    row = next;
  }
  return row[subject.length] === true;
}

const alphabet = fc.constantFrom('a', 'b', '/', '-');
const patternAlphabet = fc.constantFrom('a', 'b', '/', '-', '*', '?');

describe('glob', () => {
  it('matches literals, stars and question marks', () => {
    expect(globMatch('openai/gpt-4o', 'openai/gpt-4o')).toBe(true);
    expect(globMatch('openai/gpt-4o', 'openai/gpt-4o-mini')).toBe(false);
    expect(globMatch('openai/*', 'openai/gpt-4o')).toBe(true);
    expect(globMatch('*/gpt-4o', 'azure/gpt-4o')).toBe(true);
    expect(globMatch('gpt-4?', 'gpt-4o')).toBe(true);
    expect(globMatch('gpt-4?', 'gpt-4')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a*a', 'a')).toBe(false);
    expect(globMatch('a**b', 'ab')).toBe(true);
    expect(globMatch('*-?-*', 'x-y-z')).toBe(true);
  });

  it('treats regular-expression characters as literals', () => {
    expect(globMatch('gpt.4', 'gpt-4')).toBe(false);
    expect(globMatch('a+(b)', 'a+(b)')).toBe(true);
    expect(compileGlob('a+(b)').literal).toBe(true);
  });

  it('agrees with a reference matcher on arbitrary patterns and subjects', () => {
    fc.assert(
      fc.property(
        fc.array(patternAlphabet, { maxLength: 12 }).map((chars) => chars.join('')),
        fc.array(alphabet, { maxLength: 16 }).map((chars) => chars.join('')),
        (pattern, subject) => {
          expect(globMatch(pattern, subject)).toBe(referenceMatch(pattern, subject));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference on subjects built to match the pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('*', '?'), fc.stringMatching(/^[ab]{1,3}$/)), {
          maxLength: 8,
        }),
        fc.array(fc.stringMatching(/^[ab]{0,3}$/), { minLength: 8, maxLength: 8 }),
        (tokens, fillers) => {
          const pattern = tokens.join('');
          const subject = tokens
            .map((token, index) =>
              token === '*' ? (fillers[index] ?? '') : token === '?' ? 'b' : token,
            )
            .join('');
          expect(globMatch(pattern, subject)).toBe(true);
          expect(referenceMatch(pattern, subject)).toBe(true);
        },
      ),
    );
  });

  it('runs adversarial patterns on long subjects in linear time', () => {
    const subject = 'a'.repeat(200_000);
    const adversarial = ['*a*a*a*a*b', '*a*a*a*a*a*a*a*a*?b', 'a*a*a*a*a*a*a*c*', '*?a?a?a?a*b'];
    for (const pattern of adversarial) {
      const glob = compileGlob(pattern);
      const started = performance.now();
      expect(glob.test(subject)).toBe(false);
      // A backtracking matcher takes minutes here; a linear one, about a millisecond.
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
