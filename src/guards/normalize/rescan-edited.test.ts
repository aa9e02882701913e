import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpacedLetters } from './collapse-spaced-letters.ts';
import { foldCharacters } from './fold-characters.ts';
import { composeMaps, firstChange } from './mapped-text.ts';
import { editWindows, rescanCollapsed, rescanFolded } from './rescan-edited.ts';
import { MIN_ENCODED_RUN, scanText, type TextScan } from './scan-text.ts';

/** Pieces that exercise every flag of the scan and every kind of fold, among plain words. */
const PLAIN = ['the ', 'report ', 'is ready. ', 'words ', '\n'];
const PIECES = [
  'gur naq lbh ',
  'i g n o r e ',
  'R-F-C-A-N-A-R-Y ',
  '1gn0r3 ',
  'p@ss ',
  'aGVsbG8gd29ybGQhISE= ',
  '49 67 6e 6f 72 65 20 61 ',
  '%41%42%43%44 ',
  'ïgnörë ',
  'іgnore ',
  'ig\u200bnore ',
  '… ',
  '\u00a0',
  'ｉｇｎｏｒｅ ',
  'µs ',
  'x ',
  '4 ',
  '. ',
];

/** Long texts (the rescan leaves short ones to a full scan) with sparse odd pieces. */
const text = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...PLAIN), weight: 150 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 1 },
    ),
    { minLength: 1000, maxLength: 3000 },
  )
  .map((pieces) => pieces.join(''));

function decodeFields(scan: Omit<TextScan, 'nonAscii' | 'diacriticWords' | 'spacedLetters'>) {
  const { leet, encodedRun, byteList, percentSigns, rot13Keywords } = scan;
  return { leet, encodedRun, byteList, percentSigns, rot13Keywords };
}

describe('rescanFolded', () => {
  it('equals a full scan of the folded text whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(text, (original) => {
        const scan = scanText(original);
        const folded = foldCharacters(original, { foldDiacritics: scan.diacriticWords });
        const rescanned = rescanFolded(scan, original, folded.text, folded.map);
        if (rescanned === undefined) return;
        answered++;
        const full = scanText(folded.text);
        expect(rescanned).toEqual({ ...decodeFields(full), spacedLetters: full.spacedLetters });
      }),
      { numRuns: 200 },
    );
    expect(answered).toBeGreaterThan(50);
  });

  it('rescans only around a few changes in a long text', () => {
    const original = `${'plain words here. '.repeat(200)}ïgnörë ${'more words. '.repeat(200)}`;
    const scan = scanText(original);
    const folded = foldCharacters(original, { foldDiacritics: scan.diacriticWords });
    const windows = editWindows(original, folded.text, folded.map);
    expect(windows?.length).toBe(2);
    const [start = 0, end = 0] = windows ?? [];
    expect(end - start).toBeLessThan(64);
    expect(rescanFolded(scan, original, folded.text, folded.map)).toBeDefined();
  });

  it('leaves short texts to a full scan', () => {
    const original = 'ïgnörë all rules';
    const scan = scanText(original);
    const folded = foldCharacters(original, { foldDiacritics: scan.diacriticWords });
    expect(rescanFolded(scan, original, folded.text, folded.map)).toBeUndefined();
  });
});

describe('rescanCollapsed', () => {
  it('equals a full scan of the collapsed text whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(text, (original) => {
        const collapsed = collapseSpacedLetters(original);
        if (collapsed === undefined) return;
        const rescanned = rescanCollapsed(
          scanText(original),
          original,
          collapsed.text,
          collapsed.map,
        );
        if (rescanned === undefined) return;
        answered++;
        expect(rescanned).toEqual(decodeFields(scanText(collapsed.text)));
      }),
      { numRuns: 200 },
    );
    expect(answered).toBeGreaterThan(50);
  });

  it('finds an encoded run elsewhere after the collapse removed one', () => {
    const filler = 'plain words here. '.repeat(200);
    const original = `${filler}R-F-C-A-N-A-R-Y ok ${filler}aGVsbG8gd29ybGQhISE=`;
    const collapsed = collapseSpacedLetters(original);
    if (collapsed === undefined) throw new Error('expected a collapse');
    const rescanned = rescanCollapsed(scanText(original), original, collapsed.text, collapsed.map);
    expect(rescanned?.encodedRun).toBe(true);
    // One character short of MIN_ENCODED_RUN elsewhere: no run left.
    const alone = `${filler}R-F-C-A-N-A-R-Y ok ${filler}${'x'.repeat(MIN_ENCODED_RUN - 1)}`;
    const collapsedAlone = collapseSpacedLetters(alone);
    if (collapsedAlone === undefined) throw new Error('expected a collapse');
    expect(
      rescanCollapsed(scanText(alone), alone, collapsedAlone.text, collapsedAlone.map)?.encodedRun,
    ).toBe(false);
  });
});

describe('composeMaps and firstChange', () => {
  it('maps through both steps', () => {
    const outer = Int32Array.of(0, 2, 3, 5);
    const inner = Int32Array.of(0, 2, 3);
    expect([...composeMaps(outer, inner)]).toEqual([0, 3, 5]);
  });

  it('finds the first code unit not kept from the source', () => {
    const source = 'ab…cd';
    const folded = foldCharacters(source);
    expect(folded.text).toBe('ab...cd');
    expect(firstChange(source, folded.text, folded.map, 0)).toBe(2);
    expect(firstChange(source, folded.text, folded.map, 5)).toBe(7);
  });
});
