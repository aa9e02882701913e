import { describe, expect, it } from 'vitest';
import { wordHashStep } from './common-words.ts';
import { isDiacriticTriggerHash, isEnglishWord } from './english-words.ts';

function hashOf(word: string): number {
  let hash = 0;
  for (let index = 0; index < word.length; index++)
    hash = wordHashStep(hash, word.charCodeAt(index));
  return hash;
}

describe('isEnglishWord', () => {
  it('knows common words, attack vocabulary and words spelled with leet letters only', () => {
    for (const word of ['the', 'a', 'i', 'will', 'all', 'instructions', 'jailbreak', 'assist']) {
      expect(isEnglishWord(word)).toBe(true);
    }
  });

  it('does not know contraction fragments or non-words', () => {
    for (const word of ['ll', 've', 'iie', 'klll', 'sou']) expect(isEnglishWord(word)).toBe(false);
  });
});

describe('isDiacriticTriggerHash', () => {
  it('accepts attack words but not words that carry accents in other languages', () => {
    expect(isDiacriticTriggerHash(hashOf('ignore'))).toBe(true);
    expect(isDiacriticTriggerHash(hashOf('PROMPT'))).toBe(true);
    expect(isDiacriticTriggerHash(hashOf('system'))).toBe(false); // Czech "systém"
    expect(isDiacriticTriggerHash(hashOf('president'))).toBe(false);
  });
});
