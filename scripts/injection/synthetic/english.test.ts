import { describe, expect, it } from 'vitest';
import { MAX_LENGTH, MIN_LENGTH } from './compose.ts';
import { buildEnglishSynthetic } from './english.ts';

describe('English synthetic data', () => {
  const texts = buildEnglishSynthetic(1);

  it('is deterministic for a seed and changes with the seed', () => {
    expect(buildEnglishSynthetic(1)).toEqual(texts);
    const other = buildEnglishSynthetic(2);
    expect(other.map((text) => text.text)).not.toEqual(texts.map((text) => text.text));
  });

  it('has no duplicate texts', () => {
    expect(new Set(texts.map((text) => text.text)).size).toBe(texts.length);
  });

  it('holds 3,000 to 6,000 texts, about half benign, with tool-output carriers', () => {
    expect(texts.length).toBeGreaterThanOrEqual(3000);
    expect(texts.length).toBeLessThanOrEqual(6000);
    const benign = texts.filter((text) => text.label === 0).length;
    expect(benign / texts.length).toBeGreaterThan(0.4);
    expect(benign / texts.length).toBeLessThan(0.6);
    const tool = texts.filter((text) => text.surface === 'tool_output');
    expect(tool.filter((text) => text.label === 1).length).toBeGreaterThan(500);
    expect(tool.filter((text) => text.label === 0).length).toBeGreaterThan(500);
  });

  it('keeps every text within the length bounds and labels every family with one label', () => {
    const labels = new Map<string, Set<number>>();
    for (const text of texts) {
      expect(text.text.length).toBeGreaterThanOrEqual(MIN_LENGTH);
      expect(text.text.length).toBeLessThanOrEqual(MAX_LENGTH);
      expect(text.lang).toBe('en');
      const set = labels.get(text.family) ?? new Set<number>();
      set.add(text.label);
      labels.set(text.family, set);
    }
    expect(labels.size).toBeGreaterThanOrEqual(40);
    for (const set of labels.values()) expect(set.size).toBe(1);
  });

  it('lets no family dominate', () => {
    const counts = new Map<string, number>();
    for (const text of texts) counts.set(text.family, (counts.get(text.family) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(150);
  });
});
