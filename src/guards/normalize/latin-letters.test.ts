import { describe, expect, it } from 'vitest';
import { latinBase } from './latin-letters.ts';

describe('latinBase', () => {
  it('gives the ASCII letter of a precomposed Latin letter, keeping its case', () => {
    expect(String.fromCharCode(latinBase('ï'.charCodeAt(0)))).toBe('i');
    expect(String.fromCharCode(latinBase('Ö'.charCodeAt(0)))).toBe('O');
    expect(String.fromCharCode(latinBase('ç'.charCodeAt(0)))).toBe('c');
    expect(String.fromCharCode(latinBase('ŝ'.charCodeAt(0)))).toBe('s');
    expect(String.fromCharCode(latinBase('ẽ'.charCodeAt(0)))).toBe('e');
  });

  it('answers 0 for ASCII, letters without an ASCII base and other scripts', () => {
    for (const character of ['e', 'ß', 'æ', 'ø', 'đ', '×', 'и', 'α', '中']) {
      expect(latinBase(character.charCodeAt(0))).toBe(0);
    }
  });
});
