/**
 * Applying `redact` decisions to a text: each localised finding's span is
 * replaced by `[REDACTED:<type>]`; overlapping spans merge (the earliest
 * finding's type names the merged span). A finding without a span redacts
 * the whole text.
 */
import type { DecidedFinding } from './types.ts';

export function redactionLabel(type: string): string {
  return `[REDACTED:${type}]`;
}

export function applyRedactions(text: string, decided: readonly DecidedFinding[]): string {
  const spans: { start: number; end: number; type: string }[] = [];
  for (const { finding, action } of decided) {
    if (action !== 'redact') continue;
    if (finding.span === undefined) return redactionLabel(finding.type);
    spans.push({ start: finding.span.start, end: finding.span.end, type: finding.type });
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  let current = spans[0];
  for (const span of spans.slice(1)) {
    if (current !== undefined && span.start < current.end) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current !== undefined) {
      out += text.slice(cursor, current.start) + redactionLabel(current.type);
      cursor = current.end;
    }
    current = span;
  }
  if (current !== undefined) {
    out += text.slice(cursor, current.start) + redactionLabel(current.type);
    cursor = current.end;
  }
  return out + text.slice(cursor);
}
