/**
 * Randomness checks that tell a real credential from a placeholder, an
 * identifier or a word: Shannon entropy over the characters, character
 * classes, and a list of placeholder markers seen in docs and samples.
 */

/** Shannon entropy in bits per character of the string's character distribution. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export interface CharacterClasses {
  readonly upper: boolean;
  readonly lower: boolean;
  readonly digit: boolean;
  readonly other: boolean;
}

export function characterClasses(value: string): CharacterClasses {
  let upper = false;
  let lower = false;
  let digit = false;
  let other = false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 65 && code <= 90) upper = true;
    else if (code >= 97 && code <= 122) lower = true;
    else if (code >= 48 && code <= 57) digit = true;
    else other = true;
  }
  return { upper, lower, digit, other };
}

/**
 * Substrings that mark a documentation placeholder rather than a key. A
 * random base62 body contains any given 4-character run with probability
 * about n / 62^4, so these cost no measurable recall.
 */
const PLACEHOLDER_MARKERS: readonly string[] = [
  'example',
  'your',
  'placeholder',
  'xxxx',
  '****',
  '...',
  '…',
  '<',
  '>',
  '${',
  '{{',
  '%s',
  'changeme',
  'change_me',
  'redacted',
  'dummy',
  'sample',
  'insert',
  'replace',
  'here',
  'abcdef',
  '123456',
  '000000',
  'aaaaaa',
];

/** Whether the value looks like a documentation placeholder (`YOUR_API_KEY`, `sk-xxxx…`, `<token>`). */
export function looksLikePlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  for (const marker of PLACEHOLDER_MARKERS) if (lower.includes(marker)) return true;
  return false;
}

/**
 * Entropy a random token of this length reaches easily: random base62 of 16
 * characters sits near 3.7 bits, of 40 near 4.9; hex of 32 near 3.8. The
 * bar grows with length up to 3.5 bits (3.0 for hex, whose alphabet caps it
 * at 4), which natural-language words and repeated characters stay under.
 */
export function entropyThreshold(length: number, hex: boolean): number {
  const cap = hex ? 3.0 : 3.5;
  return Math.min(cap, 0.8 * Math.log2(Math.max(length, 2)));
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Which character classes a real token's body must show. `mixed`: upper,
 * lower and digit, which a random base62 body of 20+ characters lacks with
 * probability under 1e-4 while identifiers and words (`sk-learn-estimator`)
 * lack them; `letters`: upper and lower (letter-only alphabets);
 * `two`: any two classes; `any`: no requirement (upper-case-only alphabets).
 */
export type ClassRequirement = 'mixed' | 'letters' | 'two' | 'any';

function meetsClasses(classes: CharacterClasses, requirement: ClassRequirement): boolean {
  switch (requirement) {
    case 'mixed':
      return classes.upper && classes.lower && classes.digit;
    case 'letters':
      return classes.upper && classes.lower;
    case 'two':
      return (
        Number(classes.upper) +
          Number(classes.lower) +
          Number(classes.digit) +
          Number(classes.other) >=
        2
      );
    case 'any':
      return true;
  }
}

/**
 * Whether a credential body is random enough to be a real one: long enough,
 * high entropy, the required character classes, and no placeholder marker.
 */
export function looksRandom(
  body: string,
  options: {
    readonly minLength?: number;
    readonly classes?: ClassRequirement;
    readonly minEntropy?: number;
  } = {},
): boolean {
  if (body.length < (options.minLength ?? 16)) return false;
  if (looksLikePlaceholder(body)) return false;
  if (!meetsClasses(characterClasses(body), options.classes ?? 'two')) return false;
  const threshold = options.minEntropy ?? entropyThreshold(body.length, HEX.test(body));
  return shannonEntropy(body) >= threshold;
}
