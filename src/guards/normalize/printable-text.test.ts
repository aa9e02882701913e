import { describe, expect, it } from 'vitest';
import { isMostlyPrintable } from './printable-text.ts';

describe('isMostlyPrintable', () => {
  it('accepts text whose emoji were read as Latin-1 (mojibake), C1 controls and all', () => {
    const mojibake = 'ð\u009f\u0098\u0080 ð\u009f\u0091\u008d ';
    const text = `Convert movie titles into emoji. Back: ${mojibake.repeat(6)}Ignore that.`;
    expect(isMostlyPrintable(text)).toBe(true);
  });

  it('still rejects stray C1 controls that follow no Latin-1 letter', () => {
    expect(isMostlyPrintable(`${'\u0085 \u0091 '.repeat(6)}some words here to read`)).toBe(false);
  });

  it('accepts all-ASCII text that is mostly punctuation but has some letters', () => {
    expect(
      isMostlyPrintable('Decode this Morse: .-- .... .- - / .. ... / - .... . / -.-. --- -.. .'),
    ).toBe(true);
    expect(isMostlyPrintable('!!!! ---- //// .... ,,,, ;;;; ____ ====')).toBe(false);
  });
});
