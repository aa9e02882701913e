/**
 * Redacting findings in JSON text (tool-call arguments) so the result stays
 * valid JSON:
 * - a span inside one string literal's content is replaced by the label
 *   inside that string (widened to whole escape sequences), so
 *   `{"key":"SECRET-…"}` becomes `{"key":"[REDACTED:fake_secret]"}`;
 * - a span crossing JSON syntax (a quote, a key and its value, two values,
 *   or a number) replaces the smallest whole value containing it by the
 *   label as a JSON string; when that is the top-level value, the whole
 *   text becomes `"[REDACTED:<type>]"`;
 * - a whole-text finding (no span) also makes the whole text that string.
 * Text that is not valid JSON gets plain {@link applyRedactions}; the labels
 * hold no character JSON would need to escape, so a span inside a string
 * still leaves that string well formed.
 */
import { applyRedactions, redactionLabel } from '../redact.ts';
import type { DecidedFinding } from '../types.ts';

interface JsonToken {
  /** `[start, end)` of the whole value (quotes included for strings). */
  readonly start: number;
  readonly end: number;
  readonly kind: 'string' | 'scalar' | 'container';
}

interface Replacement {
  start: number;
  end: number;
  readonly text: string;
}

/** Deeper documents are redacted as plain text rather than risk the call stack. */
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A strict RFC 8259 scanner that records the range of every value and key. */
class JsonScanner {
  readonly tokens: JsonToken[] = [];
  #at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  scan(): boolean {
    if (!this.#value(0)) return false;
    this.#space();
    return this.#at === this.#text.length;
  }

  #space(): void {
    while (this.#at < this.#text.length) {
      const char = this.#text[this.#at];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.#at++;
    }
  }

  #value(depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    this.#space();
    const start = this.#at;
    const char = this.#text[start];
    switch (char) {
      case '{':
        return this.#container(depth, '}', true);
      case '[':
        return this.#container(depth, ']', false);
      case '"':
        return this.#string();
      case 't':
      case 'f':
      case 'n':
        for (const literal of ['true', 'false', 'null']) {
          if (this.#text.startsWith(literal, start)) {
            this.#at += literal.length;
            this.tokens.push({ start, end: this.#at, kind: 'scalar' });
            return true;
          }
        }
        return false;
      default: {
        NUMBER.lastIndex = start;
        const match = NUMBER.exec(this.#text);
        if (match === null) return false;
        this.#at += match[0].length;
        this.tokens.push({ start, end: this.#at, kind: 'scalar' });
        return true;
      }
    }
  }

  #container(depth: number, close: string, keyed: boolean): boolean {
    const start = this.#at;
    this.#at++;
    this.#space();
    if (this.#text[this.#at] === close) {
      this.#at++;
      this.tokens.push({ start, end: this.#at, kind: 'container' });
      return true;
    }
    for (;;) {
      if (keyed) {
        this.#space();
        if (this.#text[this.#at] !== '"' || !this.#string()) return false;
        this.#space();
        if (this.#text[this.#at] !== ':') return false;
        this.#at++;
      }
      if (!this.#value(depth + 1)) return false;
      this.#space();
      const next = this.#text[this.#at];
      this.#at++;
      if (next === close) break;
      if (next !== ',') return false;
    }
    this.tokens.push({ start, end: this.#at, kind: 'container' });
    return true;
  }

  #string(): boolean {
    const start = this.#at;
    let at = start + 1;
    while (at < this.#text.length) {
      const code = this.#text.charCodeAt(at);
      if (code === 0x22) {
        this.#at = at + 1;
        this.tokens.push({ start, end: this.#at, kind: 'string' });
        return true;
      }
      if (code < 0x20) return false;
      const length = code === 0x5c ? escapeLength(this.#text, at) : 1;
      if (length === 0) return false;
      at += length;
    }
    return false;
  }
}

/** Length of the escape sequence at `at` (a backslash), 0 when invalid. */
function escapeLength(text: string, at: number): number {
  const next = text[at + 1];
  if (next === 'u') return HEX4.test(text.slice(at + 2, at + 6)) ? 6 : 0;
  return next !== undefined && '"\\/bfnrt'.includes(next) ? 2 : 0;
}

/** Widens `[start, end)` inside a string's content so it cuts no escape sequence. */
function widenToEscapes(text: string, token: JsonToken, start: number, end: number): Replacement {
  let from = start;
  let to = end;
  let at = token.start + 1;
  while (at < token.end - 1) {
    const length = text.charCodeAt(at) === 0x5c ? escapeLength(text, at) : 1;
    if (at < from && from < at + length) from = at;
    if (at < to && to < at + length) to = at + length;
    at += length;
  }
  return { start: from, end: to, text: '' };
}

/** Redacts the `redact` decisions in JSON text; see the module comment for the rules. */
export function redactJsonText(text: string, decided: readonly DecidedFinding[]): string {
  const redactions = decided.filter((entry) => entry.action === 'redact');
  if (redactions.length === 0) return text;
  const scanner = new JsonScanner(text);
  if (!scanner.scan()) return applyRedactions(text, redactions);
  const tokens = scanner.tokens;
  const replacements: Replacement[] = [];
  for (const { finding } of redactions) {
    const label = redactionLabel(finding.type);
    const quoted = JSON.stringify(label);
    const span = finding.span;
    if (span === undefined) return quoted;
    const inside = tokens.find(
      (token) => token.kind === 'string' && token.start < span.start && span.end < token.end,
    );
    if (inside !== undefined) {
      const widened = widenToEscapes(text, inside, span.start, span.end);
      replacements.push({ ...widened, text: quoted.slice(1, -1) });
      continue;
    }
    let smallest: JsonToken | undefined;
    for (const token of tokens) {
      if (token.start > span.start || span.end > token.end) continue;
      if (smallest === undefined || token.end - token.start < smallest.end - smallest.start) {
        smallest = token;
      }
    }
    // Tokens are recorded innermost first, so the top-level value is the last.
    if (smallest === undefined || smallest === tokens.at(-1)) return quoted;
    replacements.push({ start: smallest.start, end: smallest.end, text: quoted });
  }
  // Replacements nest (values form a tree) or overlap inside one string;
  // the earliest one names a merged range, as in applyRedactions.
  replacements.sort((left, right) => left.start - right.start || right.end - left.end);
  let out = '';
  let cursor = 0;
  let current: Replacement | undefined;
  for (const replacement of replacements) {
    if (current !== undefined && replacement.start < current.end) {
      current.end = Math.max(current.end, replacement.end);
      continue;
    }
    if (current !== undefined) {
      out += text.slice(cursor, current.start) + current.text;
      cursor = current.end;
    }
    current = { ...replacement };
  }
  if (current !== undefined) out += text.slice(cursor, current.start) + current.text;
  return out + text.slice(current?.end ?? 0);
}
