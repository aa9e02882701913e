/**
 * The property every detector keeps on any input: it never throws, and each
 * finding's span lies inside the text and is not empty. Texts are arbitrary
 * strings or runs of the given pieces (the characters and fragments the
 * detector's patterns react to, so near-misses are common).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Detector } from '../../src/guards/types.ts';

export function assertSpansInsideText(detector: Detector, pieces: readonly string[]): void {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join('')),
  );
  fc.assert(
    fc.property(text, (input) => {
      for (const finding of detector.detect({
        surface: 'output',
        text: input,
        location: 'x',
        canaries: [],
      })) {
        if (finding.span === undefined) continue;
        expect(finding.span.start).toBeGreaterThanOrEqual(0);
        expect(finding.span.end).toBeLessThanOrEqual(input.length);
        expect(finding.span.start).toBeLessThan(finding.span.end);
      }
    }),
    { numRuns: 300 },
  );
}
