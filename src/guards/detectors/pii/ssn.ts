/**
 * US Social Security numbers. Valid ranges per SSA (area not 000, 666 or
 * 900–999; group not 00; serial not 0000). The dashed form stands alone;
 * nine bare or space-separated digits only count after a context word
 * ("SSN", "social security"), because order numbers look the same.
 */
import { collect, type PiiMatch } from './pii-match.ts';

const DASHED = /(?<![\w-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![\w]|-[0-9])/g;
const BARE = /(?<![\w-])([0-9]{3}) ?([0-9]{2}) ?([0-9]{4})(?![\w]|[ -][0-9])/g;
const CONTEXT_WORDS: readonly string[] = [
  'ssn',
  'ss#',
  'social security',
  'soc. sec.',
  'taxpayer id',
];

/** Whether an SSN word occurs on the same line within the 40 characters before `index`. */
function hasSsnContext(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index).toLowerCase();
  const line = before.slice(before.lastIndexOf('\n') + 1);
  return CONTEXT_WORDS.some((word) => line.includes(word));
}

function validParts(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  return (
    areaNumber !== 0 &&
    areaNumber !== 666 &&
    areaNumber < 900 &&
    group !== '00' &&
    serial !== '0000'
  );
}

export function scanSsns(text: string): PiiMatch[] {
  const found = collect(DASHED, text, (match) =>
    validParts(match[1] ?? '', match[2] ?? '', match[3] ?? '')
      ? {
          rule: 'us-ssn',
          type: 'ssn',
          start: match.index,
          end: match.index + match[0].length,
          score: 0.9,
          reason: 'a US Social Security number',
        }
      : undefined,
  );
  const lower = text.toLowerCase();
  if (!lower.includes('ss') && !lower.includes('social') && !lower.includes('taxpayer'))
    return found;
  return found.concat(
    collect(BARE, text, (match) => {
      if (!validParts(match[1] ?? '', match[2] ?? '', match[3] ?? '')) return undefined;
      if (!hasSsnContext(text, match.index)) return undefined;
      return {
        rule: 'us-ssn-context',
        type: 'ssn',
        start: match.index,
        end: match.index + match[0].length,
        score: 0.85,
        reason: 'a nine-digit number after an SSN context word',
      };
    }),
  );
}
