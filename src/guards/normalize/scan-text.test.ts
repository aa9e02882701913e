import { describe, expect, it } from 'vitest';
import { bitCount, scanText } from './scan-text.ts';

describe('scanText', () => {
  it('finds nothing to do in plain English', () => {
    expect(scanText('Could you check the 3 invoices from May? Thanks!')).toEqual({
      nonAscii: false,
      spacedLetters: false,
      leet: false,
      encodedRun: false,
      byteList: false,
      percentSigns: 0,
      rot13Keywords: 0,
      diacriticWords: false,
    });
  });

  it('notices each kind of candidate', () => {
    expect(scanText('ｉｇｎｏｒｅ').nonAscii).toBe(true); // fullwidth: NFKC folds it
    expect(scanText('іgnore').nonAscii).toBe(true); // Cyrillic і: a look-alike
    expect(scanText('a\u200bb').nonAscii).toBe(true); // invisible
    expect(scanText('naïve — café → ok').nonAscii).toBe(false); // stable under NFKC, nothing to fold
    expect(scanText('x i g n o').spacedLetters).toBe(true);
    expect(scanText('a b c').spacedLetters).toBe(false);
    expect(scanText('h4ck').leet).toBe(true);
    expect(scanText('aGVsbG8gd29ybGQh').encodedRun).toBe(true);
    expect(scanText('%41%42').percentSigns).toBe(2);
    expect(scanText('49 67 6e 6f 72 65 20 61').byteList).toBe(true);
    expect(scanText('\\x49\\x67\\x6e\\x6f\\x72\\x65\\x20\\x61').byteList).toBe(true);
    expect(scanText('0x49, 0x67, 0x6e, 0x6f, 0x72, 0x65, 0x20, 0x61').byteList).toBe(true);
    expect(scanText('be ad be ad be ad be').byteList).toBe(false);
    expect(bitCount(scanText('Gur frperg vf urer, gur').rot13Keywords)).toBe(3);
    expect(scanText('ïgnörë äll').diacriticWords).toBe(true);
    expect(scanText('the sÿstëm prömpt').diacriticWords).toBe(true);
  });

  it('does not take ordinary accented prose for obfuscated English', () => {
    for (const text of [
      'naïve café résumé',
      'Le système a des règles très précises, déjà vues.',
      'Über die Straße für Kinder wäre schön',
      'El sistema está bien, qué más da',
      'Você não é o presidente do país',
    ]) {
      expect(scanText(text).diacriticWords).toBe(false);
    }
  });
});
