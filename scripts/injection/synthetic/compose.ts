/**
 * Composition helpers for the synthetic data: a family is a template that
 * composes one text from hand-written parts with a seeded PRNG; `expand`
 * draws each family's texts (deduplicated across families) in a fixed order.
 */
import { createRandom, type Random } from '../random.ts';
import type { SyntheticText } from './types.ts';

/** Picks one item of a list with the family's PRNG. */
export type Pick = <T>(items: readonly T[]) => T;

/** One template family: a label, a surface and a maker of texts. */
export interface Family {
  readonly family: string;
  readonly label: 0 | 1;
  readonly surface: 'input' | 'tool_output';
  /** Distinct texts wanted (fewer if the template's combinations run out). */
  readonly count: number;
  readonly make: (pick: Pick, random: Random) => string;
}

/** Shortest and longest text a family may produce (characters). */
export const MIN_LENGTH = 12;
export const MAX_LENGTH = 6000;

function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Draws every family's texts. Each family has its own PRNG stream (seed mixed
 * with the family name), so adding or editing one family leaves the others'
 * texts unchanged.
 */
export function expand(families: readonly Family[], seed: number, lang: string): SyntheticText[] {
  const seen = new Set<string>();
  const out: SyntheticText[] = [];
  for (const family of families) {
    const random = createRandom((Math.imul(seed, 0x9e3779b1) ^ hashName(family.family)) >>> 0);
    const pick: Pick = (items) => random.pick(items);
    let made = 0;
    for (let attempt = 0; attempt < family.count * 8 && made < family.count; attempt++) {
      const text = family.make(pick, random).trim();
      if (text.length < MIN_LENGTH || text.length > MAX_LENGTH || seen.has(text)) continue;
      seen.add(text);
      out.push({ text, label: family.label, surface: family.surface, family: family.family, lang });
      made++;
    }
  }
  return out;
}

/** Capitalises the first letter (templates join lower-case parts). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Inserts `insert` at the start (0), middle (1) or end (2) of a list of paragraphs. */
export function placeIn(paragraphs: readonly string[], insert: string, where: number): string[] {
  const copy = [...paragraphs];
  if (where === 0) copy.unshift(insert);
  else if (where === 2) copy.push(insert);
  else copy.splice(Math.max(1, Math.floor(copy.length / 2)), 0, insert);
  return copy;
}

/** A few distinct items of a list, in a random order. */
export function some<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    const [item] = pool.splice(random.int(pool.length), 1);
    if (item !== undefined) chosen.push(item);
  }
  return chosen;
}
