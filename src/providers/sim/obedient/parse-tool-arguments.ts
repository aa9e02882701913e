import { findJsonObject } from './find-json-object.ts';

/** `key=value` pairs are looked for in at most this much text after the tool's name. */
export const MAX_PAIR_TEXT = 4096;

/**
 * The arguments an instruction gives a tool, as JSON text (`{}` when it
 * gives none). A JSON object literal after the tool's name wins when one
 * starts before the end of the instruction's sentence and parses; otherwise
 * `key=value` / `key: value` pairs after the name are collected. Values may
 * be double-quoted (JSON escapes), single-quoted, or bare (up to whitespace,
 * `,` or `;`); bare numbers and `true`/`false` are typed. A later duplicate
 * key wins, as in JSON.
 */
export function parseToolArguments(source: string, nameEnd: number, sentenceEnd: number): string {
  const object = findJsonObject(source, nameEnd, sentenceEnd);
  if (object !== undefined) return JSON.stringify(object);
  const text = source.slice(nameEnd, Math.min(sentenceEnd, nameEnd + MAX_PAIR_TEXT));
  const pairs = new Map<string, unknown>();
  for (const match of text.matchAll(PAIR)) {
    const [, key, separator, value] = match;
    if (key === undefined || value === undefined) continue;
    // `https://host` is a URL, not the key `https`.
    if (separator === ':' && value.startsWith('//')) continue;
    pairs.set(key, typedValue(value));
  }
  // Object.fromEntries defines properties, so a `__proto__` key stays a plain key.
  return JSON.stringify(Object.fromEntries(pairs));
}

/**
 * One `key=value` or `key: value` pair. Linear: the key's characters exclude
 * the separators and spaces that follow it, and each value form is a single
 * bounded run whose alternatives cannot overlap.
 */
const PAIR =
  /(?<![\w.-])([A-Za-z_][\w.-]{0,63})[ \t]*([=:])[ \t]*("(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}'|[^\s,;'"{}]{1,4096})/g;
const NUMBER = /^-?\d{1,15}(?:\.\d{1,15})?$/;

function typedValue(raw: string): unknown {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.startsWith("'")) return raw.slice(1, -1);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (NUMBER.test(raw)) return Number(raw);
  return raw;
}
