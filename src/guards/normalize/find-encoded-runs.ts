/**
 * Runs every decoder the scan says may apply, against one shared budget.
 */
import { findBase64Runs } from './decode-base64.ts';
import { findByteListRuns, findHexRuns } from './decode-hex.ts';
import { MIN_ESCAPES, findPercentRuns } from './decode-percent.ts';
import { findRot13Runs } from './decode-rot13.ts';
import type { DecodeBudget, DecodedRun } from './encoded-run.ts';
import { bitCount, type TextScan } from './scan-text.ts';

/**
 * The encoded runs of `text`, ordered by start. Hex goes before base64 (hex
 * digits are base64 characters too, and a run that is hex text is not
 * retried as base64). Each decoder takes views, characters and attempts from
 * `budget`.
 */
export function findEncodedRuns(
  text: string,
  scan: Pick<TextScan, 'encodedRun' | 'byteList' | 'percentSigns' | 'rot13Keywords'>,
  budget: DecodeBudget,
): DecodedRun[] {
  const runs: DecodedRun[] = [];
  if (scan.encodedRun) {
    const hex = findHexRuns(text, budget);
    runs.push(...hex, ...findBase64Runs(text, budget, hex));
  }
  if (scan.byteList) runs.push(...findByteListRuns(text, budget));
  if (scan.percentSigns >= MIN_ESCAPES) runs.push(...findPercentRuns(text, budget));
  if (bitCount(scan.rot13Keywords) >= 2) runs.push(...findRot13Runs(text, budget));
  return runs.sort((left, right) => left.start - right.start);
}
