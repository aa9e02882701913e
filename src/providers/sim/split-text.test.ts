import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastText, splitText, truncateText } from './split-text.ts';

function endsInsidePair(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

describe('splitText', () => {
  it('splits text into the requested number of pieces that join back to the text', () => {
    expect(splitText('abcdefgh', 4)).toEqual(['ab', 'cd', 'ef', 'gh']);
  });

  it('returns no pieces for empty text and one piece per character for short text', () => {
    expect(splitText('', 4)).toEqual([]);
    expect(splitText('ab', 4)).toEqual(['a', 'b']);
  });

  it('never cuts a surrogate pair in half', () => {
    const pieces = splitText('😀😀😀😀', 8);
    expect(pieces.join('')).toBe('😀😀😀😀');
    for (const piece of pieces) expect(endsInsidePair(piece)).toBe(false);
  });

  it('keeps the text and pair boundaries for any text and piece count', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (text, count) => {
          const pieces = splitText(text, count);
          expect(pieces.join('')).toBe(text);
          expect(pieces.length).toBeLessThanOrEqual(count);
          for (const piece of pieces) {
            expect(piece.length).toBeGreaterThan(0);
            expect(endsInsidePair(piece)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('truncateText and lastText', () => {
  it('keeps short text whole', () => {
    expect(truncateText('abc', 5)).toBe('abc');
    expect(lastText('abc', 5)).toBe('abc');
  });

  it('drops a pair that would be cut at either end', () => {
    expect(truncateText('a😀b', 2)).toBe('a');
    expect(lastText('a😀b', 2)).toBe('b');
    expect(lastText('abcd', 2)).toBe('cd');
  });
});
