import type { SyntheticBuilder } from './types.ts';

/** English attacks and hard negatives (filled in by the synthetic-data work). */
export const buildEnglishSynthetic: SyntheticBuilder = () => [];
