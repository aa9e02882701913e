/**
 * IBANs (ISO 13616): country code, two check digits, a BBAN of the
 * country's fixed length, written compact or in groups of four; valid when
 * the length matches the country (SWIFT IBAN registry) and the ISO 7064
 * mod-97 check gives 1.
 */
import { collect, type PiiMatch } from './pii-match.ts';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![a-z0-9])/g;

/** Total IBAN length by country (SWIFT IBAN registry, release 2024). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 7064 MOD 97-10 over the rearranged IBAN, computed piecewise to stay in safe integers. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let index = 0; index < rearranged.length; index++) {
    const code = rearranged.charCodeAt(index);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

export function scanIbans(text: string): PiiMatch[] {
  return collect(CANDIDATE, text, (match) => {
    const candidate = match[0];
    const length = LENGTHS[candidate.slice(0, 2)];
    if (length === undefined) return undefined;
    // Take exactly the country's length: text after the IBAN may continue
    // in capitals (`… DE89 3704 0044 0532 0130 00 EUR`).
    let compact = '';
    let end = 0;
    for (; end < candidate.length && compact.length < length; end++) {
      const character = candidate[end] ?? '';
      if (character !== ' ') compact += character;
    }
    if (compact.length !== length || !ibanChecksumValid(compact)) return undefined;
    return {
      rule: 'iban',
      type: 'iban',
      start: match.index,
      end: match.index + end,
      score: 1,
      reason: 'a mod-97-valid IBAN',
    };
  });
}
