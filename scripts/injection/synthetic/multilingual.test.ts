import { describe, expect, it } from 'vitest';
import {
  buildMultilingualSynthetic,
  MAX_LENGTH,
  MIN_LENGTH,
  MULTILINGUAL_PACKS,
} from './multilingual.ts';

const REQUIRED_LANGS = [
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'ro',
  'ru',
  'el',
  'tr',
  'ar',
  'hi',
  'bn',
  'vi',
  'th',
  'zh',
  'ja',
  'ko',
  'id',
  'tl',
  'nl',
  'pl',
  'uk',
  'sw',
  'fa',
  'he',
];

describe('buildMultilingualSynthetic', () => {
  const texts = buildMultilingualSynthetic(7);

  it('is deterministic for a seed and varies across seeds', () => {
    expect(buildMultilingualSynthetic(7)).toEqual(texts);
    expect(buildMultilingualSynthetic(8)).not.toEqual(texts);
  });

  it('has a pack for every required language, once', () => {
    const langs = MULTILINGUAL_PACKS.map((pack) => pack.lang);
    expect(new Set(langs).size).toBe(langs.length);
    for (const lang of REQUIRED_LANGS) expect(langs).toContain(lang);
  });

  it('has a sensible total size, roughly balanced', () => {
    expect(texts.length).toBeGreaterThanOrEqual(3000);
    expect(texts.length).toBeLessThanOrEqual(6500);
    const attacks = texts.filter((text) => text.label === 1).length;
    expect(attacks / texts.length).toBeGreaterThan(0.4);
    expect(attacks / texts.length).toBeLessThan(0.6);
  });

  it('has no duplicates and respects the length bounds', () => {
    expect(new Set(texts.map((text) => text.text)).size).toBe(texts.length);
    for (const { text } of texts) {
      expect(text.length).toBeGreaterThanOrEqual(MIN_LENGTH);
      expect(text.length).toBeLessThanOrEqual(MAX_LENGTH);
    }
  });

  it('leaves no template placeholders behind', () => {
    for (const { text } of texts) expect(text).not.toMatch(/\{[AHB]\}/u);
  });

  it('covers every language with attacks and benign texts on both surfaces', () => {
    for (const lang of REQUIRED_LANGS) {
      for (const label of [0, 1] as const) {
        for (const surface of ['input', 'tool_output'] as const) {
          const count = texts.filter(
            (text) => text.lang === lang && text.label === label && text.surface === surface,
          ).length;
          expect(count, `${lang} label=${label} ${surface}`).toBeGreaterThanOrEqual(
            surface === 'input' ? 60 : 20,
          );
        }
      }
    }
  });

  it('names families by template and language', () => {
    for (const text of texts) {
      expect(text.family).toMatch(/^ml-[a-z-]+-[a-z]{2}$/u);
      expect(text.family.endsWith(`-${text.lang}`)).toBe(true);
      expect(text.family.includes('benign')).toBe(text.label === 0);
    }
  });
});
