/**
 * Phone numbers: international (`+` and 8–15 digits, E.164 / ITU-T E.164
 * §6) and national formats for the configured locales. A candidate is any
 * run of digit groups with single separators; a format then decides. Every
 * national format needs its separators (bare 10-digit runs are order
 * numbers and timestamps as often as phones), its trunk or leading-digit
 * rules, and the exact digit count, so dates (2024-01-15), versions
 * (1.2.3.4), prices (1 234,56) and ids do not match.
 */
import { collect, digitsOf, type PiiMatch } from './pii-match.ts';

/** Locales with national phone formats; `+` international numbers are always recognised. */
export const PHONE_LOCALES: readonly string[] = ['us', 'gb', 'de', 'fr', 'in'];

const CANDIDATE =
  /(?<![\w+#$€£¥/.,-])(?:\+[1-9][0-9]{0,2}[ .-]?)?(?:\([0-9]{1,5}\)[ .-]?)?[0-9]{1,5}(?:[ ./-][0-9]{1,8}){0,5}(?![\w]|[.:/,-][0-9])/g;

/** National formats by locale, each anchored over the whole candidate. */
const NATIONAL: Readonly<
  Record<string, readonly { readonly pattern: RegExp; readonly score: number }[]>
> = {
  // NANP: NXX-NXX-XXXX with N in 2–9, optional leading 1 (NANP numbering plan).
  us: [
    { pattern: /^(?:1[ .-]?)?\([2-9][0-9]{2}\) ?[2-9][0-9]{2}[ .-][0-9]{4}$/, score: 0.9 },
    { pattern: /^(?:1-)?[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}$/, score: 0.9 },
    { pattern: /^(?:1\.)?[2-9][0-9]{2}\.[2-9][0-9]{2}\.[0-9]{4}$/, score: 0.85 },
    { pattern: /^(?:1 )?[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}$/, score: 0.8 },
  ],
  // UK: trunk 0 and 10 more digits, area codes of 2–5 digits (Ofcom numbering plan).
  gb: [
    { pattern: /^(?:\(0[1-9][0-9]{1,3}\)|0[1-9][0-9]{1,3}) ?[0-9]{3,4} ?[0-9]{3,4}$/, score: 0.85 },
  ],
  // Germany: trunk 0, area code, subscriber number; `/`, space or `-` after the area code.
  de: [
    {
      pattern: /^(?:\(0[1-9][0-9]{1,4}\) ?|0[1-9][0-9]{1,4}[ /-])[0-9]{3,8}(?:[ -][0-9]{1,5})?$/,
      score: 0.8,
    },
  ],
  // France: ten digits written as five pairs, 0 then 1–9.
  fr: [{ pattern: /^0[1-9](?:[ .][0-9]{2}){4}$/, score: 0.9 }],
  // India: ten-digit mobiles starting 6–9, written 5+5, with the 0 trunk prefix.
  in: [{ pattern: /^0[6-9][0-9]{4}[ -][0-9]{5}$/, score: 0.85 }],
};

/** Digit counts of national numbers, checked after the format. */
const NATIONAL_DIGITS: Readonly<Record<string, readonly number[]>> = {
  us: [10, 11],
  gb: [10, 11],
  de: [10, 11, 12],
  fr: [10],
  in: [11],
};

const CONTEXT_WORDS: readonly string[] = [
  'phone',
  'tel',
  'mobile',
  'cell',
  'call',
  'fax',
  'whatsapp',
  'contact',
  'telefon',
  'téléphone',
  'portable',
  'handy',
];

/** Whether a phone word occurs on the same line within the 40 characters before `index`. */
function hasPhoneContext(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index).toLowerCase();
  const line = before.slice(before.lastIndexOf('\n') + 1);
  return CONTEXT_WORDS.some((word) => line.includes(word));
}
/** Indian mobiles are usually written without the trunk 0; accept them after a phone word. */
const INDIA_BARE = /^[6-9][0-9]{4}[ -]?[0-9]{5}$/;

function international(candidate: string): number {
  const digits = digitsOf(candidate);
  if (digits.length < 8 || digits.length > 15) return 0;
  const groups = candidate
    .slice(1)
    .split(/[ .()/-]+/)
    .filter((group) => group.length > 0);
  if (groups.length === 1) return digits.length >= 10 ? 0.8 : 0;
  // `+3.14159265` is a number, not a phone: dots need at least three groups.
  if (candidate.includes('.') && groups.length < 3) return 0;
  return 0.9;
}

export function scanPhones(text: string, locales: readonly string[]): PiiMatch[] {
  return collect(CANDIDATE, text, (match) => {
    const candidate = match[0];
    if (candidate.length < 9) return undefined;
    let score = 0;
    if (candidate.startsWith('+')) {
      score = international(candidate);
    } else {
      const digitCount = digitsOf(candidate).length;
      for (const locale of locales) {
        if (!(NATIONAL_DIGITS[locale] ?? []).includes(digitCount)) continue;
        for (const format of NATIONAL[locale] ?? []) {
          if (format.pattern.test(candidate)) score = Math.max(score, format.score);
        }
      }
      if (score === 0 && locales.includes('in') && INDIA_BARE.test(candidate)) {
        if (hasPhoneContext(text, match.index)) score = 0.8;
      }
    }
    if (score === 0) return undefined;
    return {
      rule: 'phone',
      type: 'phone',
      start: match.index,
      end: match.index + candidate.length,
      score,
      reason: 'a phone number',
    };
  });
}
