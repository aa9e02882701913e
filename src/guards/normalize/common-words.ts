/**
 * Very common English words and their rot13 forms, used to recognise a text
 * (or a run of it) that is rot13 of English. Words are compared by a cheap
 * rolling hash of their case-folded ASCII letters first, so the scan that
 * runs on every text costs one multiply per letter and one byte lookup per
 * word.
 */

/** One step of the case-insensitive rolling word hash (ASCII letters only). */
export function wordHashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code | 0x20)) | 0;
}

function hashOf(word: string): number {
  let hash = 0;
  for (let index = 0; index < word.length; index++) {
    hash = wordHashStep(hash, word.charCodeAt(index));
  }
  return hash;
}

function rot13Word(word: string): string {
  return word.replace(/[a-z]/g, (letter) =>
    String.fromCharCode(((letter.charCodeAt(0) - 97 + 13) % 26) + 97),
  );
}

// English words whose rot13 forms are not English words themselves; chosen
// so a rot13'd instruction contains several (at most 31: a bit each).
const ROT13_SOURCES: readonly string[] = [
  'the',
  'and',
  'you',
  'is',
  'this',
  'that',
  'with',
  'for',
  'are',
  'was',
  'all',
  'not',
  'your',
  'have',
  'from',
  'ignore',
  'previous',
  'instructions',
  'instruction',
  'system',
  'prompt',
  'reveal',
  'password',
  'secret',
  'assistant',
  'rules',
  'what',
  'tell',
  'forget',
  'disregard',
  'above',
];

const ENGLISH_STOPWORDS: readonly string[] = [
  'the',
  'and',
  'you',
  'is',
  'this',
  'that',
  'with',
  'for',
  'are',
  'was',
  'not',
  'your',
  'have',
  'from',
  'of',
  'to',
  'in',
  'it',
  'on',
  'be',
  'as',
  'at',
  'by',
  'or',
  'an',
  'we',
  'if',
  'do',
  'can',
  'will',
  'my',
  'me',
  'please',
  'what',
  'how',
  'all',
];

/** The rot13 keywords ("gur", "naq", "lbh", "vtaber", …). */
export const ROT13_KEYWORDS: readonly string[] = ROT13_SOURCES.map(rot13Word);

const BLOOM_MASK = 4095;
const rot13Bloom = new Uint8Array(BLOOM_MASK + 1);
const rot13ByHash = new Map<number, number>();
ROT13_KEYWORDS.forEach((word, index) => {
  const hash = hashOf(word);
  rot13Bloom[hash & BLOOM_MASK] = 1;
  rot13ByHash.set(hash, index);
});
const stopwordHashes = new Set(ENGLISH_STOPWORDS.map(hashOf));

function sameWordIgnoringCase(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let index = 0; index < word.length; index++) {
    if ((text.charCodeAt(start + index) | 0x20) !== word.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * The index (0–30) of the rot13 keyword `text[start, end)` is, or -1; `hash`
 * is its rolling hash (see {@link wordHashStep}).
 */
export function rot13KeywordIndex(text: string, start: number, end: number, hash: number): number {
  if (rot13Bloom[hash & BLOOM_MASK] === 0) return -1;
  const index = rot13ByHash.get(hash);
  if (index === undefined) return -1;
  const word = ROT13_KEYWORDS[index];
  return word !== undefined && sameWordIgnoringCase(text, start, end, word) ? index : -1;
}

/** Whether the word with rolling hash `hash` is (very probably) a common English word. */
export function isEnglishStopwordHash(hash: number): boolean {
  return stopwordHashes.has(hash);
}
