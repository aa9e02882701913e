/**
 * UK National Insurance numbers (HMRC NIM39110): two prefix letters (not
 * D, F, I, Q, U, V; second not O; not BG, GB, KN, NK, NT, TN, ZZ), six
 * digits, suffix A–D, optionally spaced in pairs.
 */
import { collect, type PiiMatch } from './pii-match.ts';

const NINO =
  /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[ABCEGHJ-PRSTW-Z][ABCEGHJ-NPRSTW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])/g;

export function scanUkNinos(text: string): PiiMatch[] {
  return collect(NINO, text, (match) => ({
    rule: 'uk-nino',
    type: 'national_id',
    start: match.index,
    end: match.index + match[0].length,
    score: 0.8,
    reason: 'a UK National Insurance number',
  }));
}
