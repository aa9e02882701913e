/**
 * The canary detector: configured canary strings and the per-request ones
 * the gateway planted (`subject.canaries`) must never appear in text. A
 * canary is found in every view (the normalised view undoes zero-width
 * splitting and homoglyphs, decoded views undo base64 / hex / percent /
 * rot13), case-insensitively, and, for canaries of 12+ letters and digits,
 * with anything but letters and digits inserted between its characters
 * (`R-F-C-A-N-A-R-Y-…`, `rf canary …`). Every finding scores 1.
 */
import type { View } from '../../normalize/views.ts';
import type { Detector, Finding, Span, Subject } from '../../types.ts';
import { mayHoldEncodedRun, toOriginalSpan, viewsOf } from '../../normalize/view-spans.ts';

export { newCanaryToken } from './canary-token.ts';

export interface CanaryDetectorOptions {
  /** Canary strings checked in every subject, besides `subject.canaries`. */
  readonly canaries?: readonly string[];
}

/**
 * Below this many letters and digits, separator-insensitive matching would
 * find short canaries inside ordinary text (`s e c r e t`); such canaries
 * are still matched as written and case-insensitively.
 */
const MIN_SQUEEZED = 12;

/** Creates the `canary` detector. */
export function createCanaryDetector(options: CanaryDetectorOptions = {}): Detector {
  const configured = options.canaries ?? [];
  return {
    id: 'canary',
    detect(subject: Subject): readonly Finding[] {
      const canaries = [...new Set([...configured, ...subject.canaries])].filter(
        (canary) => canary.length > 0,
      );
      if (canaries.length === 0) return [];
      try {
        return detectCanaries(subject.text, canaries);
      } catch {
        // Detectors must not throw (types.ts).
        return [];
      }
    },
  };
}

/**
 * Characters that can disguise an ASCII canary: anything outside ASCII but
 * the Latin-1 letters and signs, typographic punctuation (dashes, quotes,
 * ellipsis, bullets), arrows, maths and box drawing, which ordinary text is
 * full of and which hide nothing. Zero-width and bidi controls (U+200B–
 * U+200F, U+202A–U+202E, U+2060–U+206F) and the soft hyphen stay suspect.
 */
const DISGUISING =
  /[^\t-\x7f\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205f\u2190-\u22ff\u2500-\u257f]/;

/**
 * All views when the text could hide a canary from the original:
 * disguising characters (homoglyphs, zero-width splits) or an encoded run.
 * Otherwise the original alone: separators, case and rot13 are handled
 * here, not by views.
 */
function viewsFor(text: string): readonly View[] {
  if (DISGUISING.test(text) || mayHoldEncodedRun(text)) return viewsOf(text);
  return [{ name: 'original', text, signals: [] }];
}

/** rot13 of the ASCII letters, so a rot13-encoded canary is found without a decoded view. */
function rot13(text: string): string {
  return text.replace(/[a-z]/g, (letter) =>
    String.fromCharCode(((letter.charCodeAt(0) - 97 + 13) % 26) + 97),
  );
}

/** Needles by canary: per-request canaries repeat across the subjects of a request. */
const needleCache = new Map<string, readonly Needle[]>();
const NEEDLE_CACHE_SIZE = 256;

/** The canary as written and rot13-encoded, case-folded, with its letters-and-digits form. */
function needlesFor(canary: string): readonly Needle[] {
  const cached = needleCache.get(canary);
  if (cached !== undefined) return cached;
  const folded = foldCase(canary);
  const needles = [
    { form: folded, rot13: false },
    { form: rot13(folded), rot13: true },
  ].map(({ form, rot13: encoded }) => {
    const squeezed = squeeze(form);
    return {
      folded: form,
      squeezed: squeezed.length >= MIN_SQUEEZED ? squeezed : undefined,
      rot13: encoded,
    };
  });
  if (needleCache.size >= NEEDLE_CACHE_SIZE) needleCache.clear();
  needleCache.set(canary, needles);
  return needles;
}

interface Needle {
  readonly folded: string;
  readonly squeezed: string | undefined;
  /** Whether this is the rot13 form of the canary. */
  readonly rot13: boolean;
}

function detectCanaries(text: string, canaries: readonly string[]): Finding[] {
  const needles: Needle[] = canaries.flatMap(needlesFor);
  const findings: Finding[] = [];
  // Original offsets already reported: one canary occurrence shows up in
  // several views, and a per-offset mark keeps the check linear.
  let covered: Uint8Array | undefined;
  let unlocated = false;
  const add = (view: View, rule: string, span: Span | undefined, reason: string): void => {
    if (span === undefined) {
      // A view without a way back: one whole-text finding is enough.
      if (unlocated) return;
      unlocated = true;
    } else {
      covered ??= new Uint8Array(text.length + 1);
      for (let index = span.start; index < span.end; index++) if (covered[index] === 1) return;
      covered.fill(1, span.start, span.end);
    }
    const base = { detector: 'canary', rule, type: 'canary', score: 1, view: view.name, reason };
    findings.push(span === undefined ? base : { ...base, span });
  };
  for (const view of viewsFor(text)) {
    const folded = foldCase(view.text);
    for (const needle of needles) {
      for (
        let at = folded.indexOf(needle.folded);
        at !== -1;
        at = folded.indexOf(needle.folded, at + 1)
      ) {
        add(
          view,
          'canary',
          toOriginalSpan(view, at, at + needle.folded.length),
          reasonFor('a canary string', needle, view),
        );
      }
    }
    for (const needle of needles) {
      if (needle.squeezed === undefined) continue;
      for (let from = 0; ;) {
        const found = findSeparated(folded, needle.squeezed, from);
        if (found === undefined) break;
        add(
          view,
          'canary-separated',
          toOriginalSpan(view, found.start, found.end),
          reasonFor('a canary string with separators between its characters', needle, view),
        );
        from = found.end;
      }
    }
  }
  return findings;
}

function reasonFor(what: string, needle: Needle, view: View): string {
  const encoded = needle.rot13 ? ', rot13-encoded' : '';
  return view.name === 'original'
    ? `${what}${encoded}`
    : `${what}${encoded} (in ${view.name} view)`;
}

/**
 * Lower-case without changing length, so offsets stay valid: the few
 * characters whose lower case is longer (`İ`) are kept as they are.
 */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    const lowered = character.toLowerCase();
    folded += lowered.length === 1 ? lowered : character;
  }
  return folded;
}

/** Most non-alphanumeric characters allowed between two characters of a separated canary. */
const MAX_GAP = 4;

const isAlphanumeric = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/** Letters from most to least frequent in English text; digits count as rare. */
const FREQUENCY_ORDER = 'etaoinsrhldcumfpgwybvk0123456789xjqz';

/** The index of the needle character least likely in ordinary text: candidates start there. */
function anchorIndex(needle: string): number {
  let best = 0;
  let bestRank = -1;
  for (let index = 0; index < needle.length; index++) {
    const rank = FREQUENCY_ORDER.indexOf(needle[index] ?? '');
    if (rank > bestRank) {
      bestRank = rank;
      best = index;
    }
  }
  return best;
}

/**
 * Steps from `index` in `direction` over at most {@link MAX_GAP} separators
 * to the next letter or digit; -1 when the gap is longer or the text ends.
 */
function nextAlphanumeric(folded: string, index: number, direction: 1 | -1): number {
  let position = index + direction;
  for (let gap = 0; position >= 0 && position < folded.length; gap++, position += direction) {
    if (isAlphanumeric(folded.charCodeAt(position))) return position;
    if (gap >= MAX_GAP) return -1;
  }
  return -1;
}

/**
 * The first occurrence at or after `from` of `needle` (folded letters and
 * digits) with up to {@link MAX_GAP} other characters between neighbours.
 * Candidates are the occurrences (found by `indexOf`) of the needle's
 * rarest character, checked outwards and dropped at the first mismatch, so
 * ordinary text costs about one native scan and any text at most
 * O(text · needle).
 */
function findSeparated(
  folded: string,
  needle: string,
  from: number,
): { readonly start: number; readonly end: number } | undefined {
  const anchor = anchorIndex(needle);
  const anchorCharacter = needle[anchor] ?? '';
  for (
    let at = folded.indexOf(anchorCharacter, from);
    at !== -1;
    at = folded.indexOf(anchorCharacter, at + 1)
  ) {
    let start = at;
    let matched = true;
    for (let k = anchor - 1; k >= 0 && matched; k--) {
      const position = nextAlphanumeric(folded, start, -1);
      matched = position !== -1 && folded.charCodeAt(position) === needle.charCodeAt(k);
      start = position;
    }
    if (!matched || start < from) continue;
    let end = at;
    for (let k = anchor + 1; k < needle.length && matched; k++) {
      const position = nextAlphanumeric(folded, end, 1);
      matched = position !== -1 && folded.charCodeAt(position) === needle.charCodeAt(k);
      end = position;
    }
    if (matched) return { start, end: end + 1 };
  }
  return undefined;
}

/** The ASCII letters and digits of a folded text. */
function squeeze(folded: string): string {
  let text = '';
  for (let index = 0; index < folded.length; index++) {
    if (isAlphanumeric(folded.charCodeAt(index))) text += folded[index] ?? '';
  }
  return text;
}
