/**
 * Payment card numbers (ISO/IEC 7812): 13–19 digits, written bare or in the
 * usual groups with one kind of separator, Luhn-valid, and with an issuer
 * prefix and length of a network that issues them (Visa, Mastercard incl.
 * 2-series, Amex, Discover, JCB, Diners, UnionPay, Maestro).
 */
import { collect, digitsOf, type PiiMatch } from './pii-match.ts';

const CANDIDATE = /(?<![\w.,-])[0-9](?:[ -]?[0-9]){12,18}(?![\w]|[.,-][0-9])/g;

/** Group layouts cards are printed or typed in, by digit count. */
const LAYOUTS: ReadonlySet<string> = new Set([
  '4-4-4-4',
  '4-6-5',
  '4-6-4',
  '4-4-4-4-3',
  '4-4-4-3',
  '4-4-4-1',
  '4-4-5',
  '4-4-4-2',
  '4-4-4-4-1',
  '4-4-4-4-2',
  '6-13',
]);

interface Network {
  readonly name: string;
  readonly prefix: (digits: string) => boolean;
  readonly lengths: readonly number[];
}

const between = (digits: string, length: number, low: number, high: number): boolean => {
  const value = Number(digits.slice(0, length));
  return value >= low && value <= high;
};

const NETWORKS: readonly Network[] = [
  { name: 'Visa', prefix: (d) => d.startsWith('4'), lengths: [13, 16, 19] },
  {
    name: 'Mastercard',
    prefix: (d) => between(d, 2, 51, 55) || between(d, 4, 2221, 2720),
    lengths: [16],
  },
  {
    name: 'American Express',
    prefix: (d) => d.startsWith('34') || d.startsWith('37'),
    lengths: [15],
  },
  {
    name: 'Discover',
    prefix: (d) => d.startsWith('6011') || d.startsWith('65') || between(d, 3, 644, 649),
    lengths: [16, 17, 18, 19],
  },
  { name: 'JCB', prefix: (d) => between(d, 4, 3528, 3589), lengths: [16, 17, 18, 19] },
  {
    name: 'Diners Club',
    prefix: (d) =>
      between(d, 3, 300, 305) || d.startsWith('36') || d.startsWith('38') || d.startsWith('39'),
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { name: 'UnionPay', prefix: (d) => d.startsWith('62'), lengths: [16, 17, 18, 19] },
  {
    name: 'Maestro',
    prefix: (d) =>
      d.startsWith('50') || between(d, 2, 56, 58) || d.startsWith('6759') || d.startsWith('6761'),
    lengths: [13, 14, 15, 16, 17, 18, 19],
  },
];

/** The Luhn mod-10 check (ISO/IEC 7812-1 Annex B). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

export function scanCards(text: string): PiiMatch[] {
  return collect(CANDIDATE, text, (match) => {
    const candidate = match[0];
    const digits = digitsOf(candidate);
    const separated = digits.length !== candidate.length;
    if (separated) {
      const separator = candidate.includes(' ') ? ' ' : '-';
      if (candidate.includes(separator === ' ' ? '-' : ' ')) return undefined;
      const layout = candidate
        .split(separator)
        .map((group) => group.length)
        .join('-');
      if (!LAYOUTS.has(layout)) return undefined;
    }
    const network = NETWORKS.find(
      (item) => item.lengths.includes(digits.length) && item.prefix(digits),
    );
    if (network === undefined || !luhnValid(digits)) return undefined;
    return {
      rule: 'luhn-card',
      type: 'card',
      start: match.index,
      end: match.index + candidate.length,
      // Separated groups are how people write cards; a bare Luhn-valid run
      // with a network prefix is still a card far more often than not.
      score: separated ? 1 : 0.9,
      reason: `a Luhn-valid ${network.name} card number`,
    };
  });
}
