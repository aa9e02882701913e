import type { SyntheticBuilder } from './types.ts';

/** Non-English attacks and hard negatives (filled in by the synthetic-data work). */
export const buildMultilingualSynthetic: SyntheticBuilder = () => [];
