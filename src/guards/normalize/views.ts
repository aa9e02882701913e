/**
 * The views of a text that detectors score (each detector takes the maximum
 * over views): the original; `normalized` (invisible characters stripped,
 * NFKC, Latin look-alikes folded, spaced-out letters collapsed); `deleet`;
 * and one `decoded:<encoding>` view per hidden or encoded run (Unicode tag
 * characters, variation-selector bytes, base64, hex, percent-encoding,
 * rot13), decoded again up to a fixed depth (`decoded:base64>decoded:hex`).
 * docs/guards-normalization.md lists every view, signal and bound.
 *
 * Plain text costs one scan over its char codes ({@link scanText}) and gets
 * the original only; every transform runs only when the scan says it may
 * apply, and every one is linear and bounded.
 */
import { Buffer } from 'node:buffer';
import { collapseSpacedLetters } from './collapse-spaced-letters.ts';
import { MIN_ESCAPES } from './decode-percent.ts';
import { readLeetspeak } from './deleet.ts';
import type { DecodeBudget, Encoding } from './encoded-run.ts';
import { findEncodedRuns } from './find-encoded-runs.ts';
import { foldCharacters, type HiddenRun } from './fold-characters.ts';
import { composeMaps, identityMap } from './mapped-text.ts';
import { printableText } from './printable-text.ts';
import {
  rescanCollapsed,
  rescanFolded,
  type DecodeScan,
  type FoldedScan,
} from './rescan-edited.ts';
import { bitCount, scanText, type TextScan } from './scan-text.ts';
import type { Span } from '../types.ts';

/** One way of reading a text; detectors score every view and keep the highest score. */
export interface View {
  /** `original`, `normalized`, `deleet`, `decoded:base64`, `decoded:hex`, `decoded:percent`, `decoded:rot13`, `decoded:tags`, `decoded:variation-selectors`, nested as `decoded:base64>decoded:hex`. */
  readonly name: string;
  readonly text: string;
  /**
   * For a view whose characters map back to the original: `map[i]` is the
   * original offset of view character i (length text.length + 1, the last
   * entry being the end). Non-decreasing. Absent for `original` (identity)
   * and for decoded views other than top-level rot13 (use `origin`).
   */
  readonly map?: Int32Array;
  /** For a decoded view: the span of the encoded run in the ORIGINAL text (for nested views, of the outermost run). */
  readonly origin?: { readonly start: number; readonly end: number };
  /**
   * Obfuscation signals seen while building this view: on `normalized`
   * `tag-characters`, `zero-width`, `zero-width-in-word`, `bidi-control`,
   * `variation-selector`, `confusables-mixed-script`, `combining-marks`,
   * `diacritics`, `spaced-letters`; on `deleet` `leetspeak`; decoded views
   * carry none.
   */
  readonly signals: readonly string[];
}

/** Limits on decoding; the defaults suit the hot path. */
export interface BuildViewsOptions {
  /** Most decoded views per text (all encodings and depths together). Default 8. */
  readonly maxDecodedViews?: number;
  /** Most decoded characters per text, summed over decoded views. Default 65 536. */
  readonly maxDecodedChars?: number;
  /** Decoding depth: 1 decodes runs in the text, 2 also decodes runs inside decoded text. Default 2. */
  readonly maxDecodeDepth?: number;
  /** Most decoding attempts (runs that look encoded) per text. Default 64. */
  readonly maxDecodeAttempts?: number;
}

/** The default limits (see {@link BuildViewsOptions}). */
export const DEFAULT_VIEW_LIMITS: Readonly<Required<BuildViewsOptions>> = {
  maxDecodedViews: 8,
  maxDecodedChars: 64 * 1024,
  maxDecodeDepth: 2,
  maxDecodeAttempts: 64,
};

/** Shortest variation-selector payload decoded as bytes. */
const MIN_SELECTOR_BYTES = 4;

/** The original first, then only the views that differ from it. */
export function buildViews(text: string, options: BuildViewsOptions = {}): readonly View[] {
  const scan = scanText(text);
  const views: View[] = [{ name: 'original', text, signals: [] }];
  if (!mayChange(scan)) return views;
  const limits = { ...DEFAULT_VIEW_LIMITS, ...options };
  let current = text;
  let map: Int32Array | undefined;
  const signals: string[] = [];
  let tagRuns: readonly HiddenRun[] = [];
  let selectorRuns: readonly HiddenRun[] = [];
  // Each transform's output is scanned again only around what it changed (rescan-edited.ts).
  let foldedScan: FoldedScan = scan;

  if (scan.nonAscii || scan.diacriticWords) {
    const folded = foldCharacters(text, { foldDiacritics: scan.diacriticWords });
    tagRuns = folded.tagRuns;
    selectorRuns = folded.selectorRuns;
    if (folded.changed) {
      current = folded.text;
      map = folded.map;
      signals.push(...folded.signals);
      foldedScan = rescanFolded(scan, text, current, map) ?? scanText(current);
    }
  }
  let decodeScan: DecodeScan = foldedScan;
  if (foldedScan.spacedLetters) {
    // Mapped to `current` first, so the rescan sees the collapse alone; the
    // composed map is the one `collapseSpacedLetters(current, map)` builds.
    const collapsed = collapseSpacedLetters(current);
    if (collapsed !== undefined) {
      decodeScan =
        rescanCollapsed(foldedScan, current, collapsed.text, collapsed.map) ??
        scanText(collapsed.text);
      current = collapsed.text;
      map = map === undefined ? collapsed.map : composeMaps(map, collapsed.map);
      signals.push('spaced-letters');
    }
  }
  if (current !== text) {
    views.push({
      name: 'normalized',
      text: current,
      map: map ?? identityMap(current.length),
      signals,
    });
  }
  if (decodeScan.leet) {
    const reading = readLeetspeak(current);
    if (reading !== undefined) {
      views.push({
        name: 'deleet',
        text: reading.text,
        map: map ?? identityMap(reading.text.length),
        signals: reading.dense ? ['leetspeak', 'leetspeak-throughout'] : ['leetspeak'],
      });
    }
  }

  const budget: DecodeBudget = {
    runs: limits.maxDecodedViews,
    chars: limits.maxDecodedChars,
    attempts: limits.maxDecodeAttempts,
  };
  if (limits.maxDecodeDepth < 1) return views;
  const context: DecodeContext = { views, budget, maxDepth: limits.maxDecodeDepth };
  const nested = (decoded: string, name: string, origin: Span): void => {
    if (limits.maxDecodeDepth >= 2) {
      addDecodedViews(context, decoded, 2, { origin, prefix: `${name}>` });
    }
  };
  for (const run of tagRuns) {
    if (budget.runs <= 0 || budget.chars < run.payload.length) break;
    budget.runs--;
    budget.chars -= run.payload.length;
    const origin = { start: run.start, end: run.end };
    views.push({ name: 'decoded:tags', text: run.payload, origin, signals: [] });
    nested(run.payload, 'decoded:tags', origin);
  }
  for (const run of selectorRuns) {
    if (budget.runs <= 0 || run.payload.length < MIN_SELECTOR_BYTES) continue;
    const decoded = printableText(Buffer.from(run.payload, 'latin1'));
    if (decoded === undefined || budget.chars < decoded.length) continue;
    budget.runs--;
    budget.chars -= decoded.length;
    const origin = { start: run.start, end: run.end };
    views.push({ name: 'decoded:variation-selectors', text: decoded, origin, signals: [] });
    nested(decoded, 'decoded:variation-selectors', origin);
  }
  addDecodedViews(
    context,
    current,
    1,
    map === undefined ? { prefix: '' } : { map, prefix: '' },
    decodeScan,
  );
  return views;
}

/** Whether any transform can apply (the fast path returns the original alone otherwise). */
function mayChange(scan: TextScan): boolean {
  return (
    scan.nonAscii ||
    scan.diacriticWords ||
    scan.spacedLetters ||
    scan.leet ||
    scan.encodedRun ||
    scan.byteList ||
    scan.percentSigns >= MIN_ESCAPES ||
    bitCount(scan.rot13Keywords) >= 2
  );
}

/** What the decoding steps of one `buildViews` call share. */
interface DecodeContext {
  readonly views: View[];
  readonly budget: DecodeBudget;
  readonly maxDepth: number;
}

function viewName(prefix: string, encoding: Encoding): string {
  return `${prefix}decoded:${encoding}`;
}

/**
 * Decodes the runs of `text` into views. At depth 1 `text` is the
 * normalized (or original) text and `map` leads back to the original; deeper
 * down `text` is decoded text and every view inherits `origin`, the
 * outermost run. `scan` is the text's scan when already known.
 */
function addDecodedViews(
  context: DecodeContext,
  text: string,
  depth: number,
  where: { readonly map?: Int32Array; readonly origin?: Span; readonly prefix: string },
  scan: DecodeScan = scanText(text),
): void {
  const { views, budget } = context;
  if (budget.runs <= 0 || budget.attempts <= 0 || budget.chars <= 0) return;
  const { map, origin, prefix } = where;
  const toOriginal = (offset: number): number =>
    map === undefined ? offset : (map[offset] ?? offset);
  for (const run of findEncodedRuns(text, scan, budget)) {
    const name = viewName(prefix, run.encoding);
    const runOrigin = origin ?? { start: toOriginal(run.start), end: toOriginal(run.end) };
    views.push(
      origin === undefined && run.map !== undefined
        ? { name, text: run.text, origin: runOrigin, map: run.map.map(toOriginal), signals: [] }
        : { name, text: run.text, origin: runOrigin, signals: [] },
    );
    if (depth < context.maxDepth) {
      addDecodedViews(context, run.text, depth + 1, { origin: runOrigin, prefix: `${name}>` });
    }
  }
}
