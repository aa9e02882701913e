import { expand } from './compose.ts';
import { ENGLISH_ATTACK_FAMILIES } from './english-attacks.ts';
import { ENGLISH_BENIGN_FAMILIES } from './english-benign.ts';
import { benignInsert, ENGLISH_CARRIER_FAMILIES, injection } from './english-carriers.ts';
import type { SyntheticBuilder } from './types.ts';

/**
 * English attacks and hard negatives, written for this project from general
 * knowledge of attack taxonomies (no dataset text): input-surface attack
 * families (english-attacks.ts), their hard negatives (english-benign.ts) and
 * indirect injections in tool-output carriers with benign carriers of the
 * same kinds (english-carriers.ts). Deterministic from the seed.
 */
export const buildEnglishSynthetic: SyntheticBuilder = (seed) =>
  expand(
    [...ENGLISH_ATTACK_FAMILIES, ...ENGLISH_BENIGN_FAMILIES, ...ENGLISH_CARRIER_FAMILIES],
    seed,
    'en',
  );

/**
 * Standalone injected paragraphs and benign look-alike paragraphs (the
 * tool-output inserts of english-carriers.ts), to be placed into real benign
 * carriers by the augmentation: the carrier's style then says nothing about
 * the label, only the paragraph does.
 */
export const buildEnglishParagraphs: SyntheticBuilder = (seed) =>
  expand(
    [
      {
        family: 'en-embedded-injection',
        label: 1,
        surface: 'tool_output',
        count: 600,
        make: (pick) => injection(pick),
      },
      {
        family: 'en-embedded-benign',
        label: 0,
        surface: 'tool_output',
        count: 600,
        make: (pick) => benignInsert(pick),
      },
    ],
    seed,
    'en',
  );
