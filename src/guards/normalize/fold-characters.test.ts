import { describe, expect, it } from 'vitest';
import { foldCharacters } from './fold-characters.ts';

describe('foldCharacters', () => {
  it('reports no change for ordinary text in any script', () => {
    for (const text of ['plain', 'Grüße aus Köln', 'Привет мир', '你好世界', 'مرحبا']) {
      expect(foldCharacters(text).changed).toBe(false);
    }
  });

  it('applies NFKC to fullwidth punctuation', () => {
    expect(foldCharacters('你好，世界').text).toBe('你好,世界');
  });

  it('applies NFKC and keeps an offset per output character', () => {
    const folded = foldCharacters('ﬁne ①');
    expect(folded.text).toBe('fine 1');
    expect(Array.from(folded.map)).toEqual([0, 0, 1, 2, 3, 4, 5]);
  });

  it('collects tag runs with the ASCII they spell', () => {
    const folded = foldCharacters('a\u{E0068}\u{E0069}b');
    expect(folded.text).toBe('ab');
    expect(folded.tagRuns).toEqual([{ start: 1, end: 5, payload: 'hi' }]);
    expect(folded.signals).toEqual(['tag-characters']);
  });

  it('collects variation-selector runs as bytes', () => {
    const folded = foldCharacters('😀\uFE01\uFE02\u{E0100}');
    expect(folded.selectorRuns).toEqual([{ start: 2, end: 6, payload: '\x01\x02\x10' }]);
  });

  it('flags LRM inside a Latin word but not in Hebrew', () => {
    expect(foldCharacters('ab\u200Ecd').signals).toEqual(['bidi-control']);
    expect(foldCharacters('שלום\u200F עולם').signals).toEqual([]);
  });

  it('folds all-look-alike words and leaves words with other letters', () => {
    expect(foldCharacters('\u0440\u0430\u0443 сегодня').text).toBe('pay сегодня');
  });

  it('flags only words that mix ASCII with foreign look-alikes', () => {
    expect(foldCharacters('\u0440\u0430\u0443').signals).toEqual([]);
    expect(foldCharacters('p\u0430y').signals).toEqual(['confusables-mixed-script']);
    expect(foldCharacters('ᴘᴀss').signals).toEqual([]);
    expect(foldCharacters('ᴘᴀss').text).toBe('pass');
  });
});
