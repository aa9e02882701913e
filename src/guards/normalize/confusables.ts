/**
 * Look-alikes of Latin letters that NFKC leaves alone, folded to their
 * Latin skeleton. A compact subset of Unicode's confusables.txt (UTS #39
 * §4) restricted to letters an attacker swaps into English words: Cyrillic,
 * Greek, Armenian and Cherokee homoglyphs and the Latin small capitals and
 * IPA letters. Fullwidth forms, mathematical alphanumerics, letterlike
 * symbols and Roman numerals are already folded by NFKC and not listed.
 */

/** The script a look-alike comes from; `latin` for Latin-script look-alikes (small capitals …). */
export type ConfusableScript = 'latin' | 'cyrillic' | 'greek' | 'armenian' | 'cherokee';

const SCRIPTS: readonly ConfusableScript[] = ['latin', 'cyrillic', 'greek', 'armenian', 'cherokee'];

// Each entry is `<hex code point><Latin letter>`; hex keeps the look-alikes
// readable here (they would be indistinguishable from Latin in the source).
const GROUPS: readonly (readonly [ConfusableScript, string])[] = [
  [
    'cyrillic',
    '430a 435e 43eo 440p 441c 443y 445x 455s 456i 458j 4bbh 501d 51bq 51dw 4cfl 4afy 475v ' +
      '410A 412B 415E 41aK 41cM 41dH 41eO 420P 421C 422T 425X 423Y 405S 406I 408J 4aeY ' +
      '51aQ 51cW 4c0I 4baH 50cG',
  ],
  [
    'greek',
    '3bfo 3bdv 3b9i 3b1a 3bak 3c1p 3c5u 3c7x 3f2c 3f3j 3b5e 3b3y 3b7n 3c4t 3c9w ' +
      '391A 392B 395E 396Z 397H 399I 39aK 39cM 39dN 39fO 3a1P 3a4T 3a5Y 3a7X 3dcF',
  ],
  ['armenian', '585o 57du 581g 578n 570h 566q 555O 54dU'],
  [
    'cherokee',
    '13aaA 13f4B 13dfC 13acE 13bbH 13deL 13b7M 13abJ 13e6K 13e2P 13daS 13a2T 13d4W 13c3Z ' +
      '13a0D 13c0G 13a5i',
  ],
  [
    'latin',
    '131i 237j 251a 261g 269i 26ai 28fy 1d00a 299b 1d04c 1d05d 1d07e 262g 29ch 1d0aj 1d0bk ' +
      '29fl 1d0dm 274n 1d0fo 1d18p 280r a731s 1d1bt 1d1cu 1d20v 1d21w 1d22z 1c0l 27er',
  ],
];

/**
 * code point → (Latin char code | script index << 8), 0 for none. All
 * look-alikes are in the BMP, so a flat 128 KiB table makes the lookup one
 * array read (it runs on every non-ASCII letter).
 */
const TABLE = new Uint16Array(0x10000);
for (const [script, entries] of GROUPS) {
  const scriptIndex = SCRIPTS.indexOf(script);
  for (const entry of entries.split(' ')) {
    const source = Number.parseInt(entry.slice(0, -1), 16);
    TABLE[source] = entry.charCodeAt(entry.length - 1) | (scriptIndex << 8);
  }
}

/** The Latin letter a look-alike folds to (a char code), or 0 when it is not a known look-alike. */
export function confusableTarget(codePoint: number): number {
  if (codePoint < 0x80 || codePoint > 0xffff) return 0;
  return (TABLE[codePoint] ?? 0) & 0xff;
}

/** The script of a known look-alike, or undefined. */
export function confusableScript(codePoint: number): ConfusableScript | undefined {
  if (codePoint < 0x80 || codePoint > 0xffff) return undefined;
  const entry = TABLE[codePoint] ?? 0;
  return entry === 0 ? undefined : SCRIPTS[entry >> 8];
}
