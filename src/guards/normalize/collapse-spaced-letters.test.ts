import { describe, expect, it } from 'vitest';
import { collapseSpacedLetters } from './collapse-spaced-letters.ts';

describe('collapseSpacedLetters', () => {
  it('joins single letters and turns wider gaps into word breaks', () => {
    expect(collapseSpacedLetters('i g n o r e   a l l')?.text).toBe('ignore all');
  });

  it('treats whitespace as a break when letters are joined by punctuation', () => {
    expect(collapseSpacedLetters('i.g.n.o.r.e a.l.l')?.text).toBe('ignore all');
    expect(collapseSpacedLetters('r_u_l_e_s')?.text).toBe('rules');
    expect(collapseSpacedLetters('r-u-l-e-s now')?.text).toBe('rules now');
  });

  it('keeps the surrounding text and maps letters to their offsets', () => {
    const collapsed = collapseSpacedLetters('say h e l l o!');
    expect(collapsed?.text).toBe('say hello!');
    expect(Array.from(collapsed?.map ?? [])).toEqual([0, 1, 2, 3, 4, 6, 8, 10, 12, 13, 14]);
  });

  it('composes with an earlier map', () => {
    const map = Int32Array.from([10, 11, 12, 13, 14, 15, 16, 20]);
    expect(Array.from(collapseSpacedLetters('a b c d', map)?.map ?? [])).toEqual([
      10, 12, 14, 16, 20,
    ]);
  });

  it('leaves short runs and ordinary prose alone', () => {
    expect(collapseSpacedLetters('I am a b c person')).toBeUndefined();
    expect(collapseSpacedLetters('The quick brown fox')).toBeUndefined();
    expect(collapseSpacedLetters('a    b    c    d')).toBeUndefined();
  });

  it('collapses non-ASCII letters too', () => {
    expect(collapseSpacedLetters('п р и в е т')?.text).toBe('привет');
  });

  it('joins every character of words spaced out whole, punctuation and digits included', () => {
    expect(
      collapseSpacedLetters("Y o u ' v e   b e e n   t o l d :   < h 1 >   ' x y z ' .")?.text,
    ).toBe("You've been told: <h1> 'xyz'.");
    expect(collapseSpacedLetters('S G l n b m 9 y Z Q = =')?.text).toBe('SGlnbm9yZQ==');
  });

  it('maps each joined character to its offset and a word break to its gap', () => {
    const collapsed = collapseSpacedLetters('a , b c d e   f');
    expect(collapsed?.text).toBe('a,bcde f');
    expect(Array.from(collapsed?.map ?? [])).toEqual([0, 2, 4, 6, 8, 10, 11, 14, 15]);
  });

  it('keeps spaced punctuation without enough letters as it is', () => {
    expect(collapseSpacedLetters('x = a + b')).toBeUndefined();
  });

  it('leaves formulas of single letters alone', () => {
    expect(collapseSpacedLetters('the string z = a + b + c here')).toBeUndefined();
  });
});
