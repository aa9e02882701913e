/**
 * The incremental guard over one growing text (the answer text, or one tool
 * call's arguments): text is appended as it streams, inspected in bounded
 * windows, and released — redacted — only once no match can still grow
 * across the release point.
 *
 * Offsets: `released` is how much of the stream's text has left the guard;
 * `held` is the text after it. Each inspection sees `context + held`, where
 * `context` is the tail of already-released ORIGINAL text (so a rule that
 * needs a keyword before a match, or a match straddling the boundary, still
 * sees its evidence). Finding spans are mapped back to absolute offsets.
 *
 * A finding is acted on (reported, blocked on, redacted) only once it is
 * settled: it ends at or before the release point. A finding reaching past
 * the release point moves the point back to its start instead, so no prefix
 * of a possible match is ever released; findings that end inside the
 * context were judged when that text was held and are ignored, which also
 * drops artefacts of cutting the window mid-text.
 */
import type { DecidedFinding, Inspect } from '../types.ts';
import { guardBlockedError, guardFailedError } from './guard-errors.ts';
import { MARKER_MAX_CHARS, findUnterminatedPrivateKey } from './private-key-markers.ts';

/**
 * Rewrites one released segment. `decided` holds only `redact` decisions,
 * spans relative to the segment; `whole` is true when the segment is the
 * entire text (so structure-aware redaction, e.g. of JSON, is possible).
 */
export type SegmentRedactor = (
  segment: string,
  decided: readonly DecidedFinding[],
  whole: boolean,
) => string;

export interface WindowGuardConfig {
  readonly inspect: Inspect;
  readonly canaries: readonly string[];
  /** The subject location, e.g. `output.text`. */
  readonly location: string;
  readonly holdBackChars: number;
  readonly contextChars: number;
  readonly inspectEveryChars: number;
  readonly maxHeldChars: number;
  /**
   * Release as the text grows (answer text), or hold everything until
   * `flush` or the `maxHeldChars` cap (tool arguments, which are redacted
   * best as one whole JSON text).
   */
  readonly eager: boolean;
  readonly redact: SegmentRedactor;
  /**
   * Called with each newly settled finding, once per detector, rule and
   * absolute start; spans are offsets in the whole text at this location.
   */
  readonly onNew: (decided: readonly DecidedFinding[]) => void;
}

type Mode = 'window' | 'cap' | 'final';

interface Located {
  readonly decided: DecidedFinding;
  /** Absolute span; `undefined` for a whole-text finding. */
  readonly start: number | undefined;
  readonly end: number;
}

/** Keys of reported findings are pruned once this many pile up (amortised cleanup). */
const SEEN_PRUNE_THRESHOLD = 256;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export class WindowGuard {
  readonly #config: WindowGuardConfig;
  /** Tail of released original text, at most `contextChars` long. */
  #context = '';
  #held = '';
  #released = 0;
  #newSinceInspect = 0;
  /** Absolute offset of an unterminated private-key BEGIN marker in the held text. */
  #pendingKey: number | undefined;
  #keyScannedTo = 0;
  /** Reported findings: key → absolute start, for reporting each once. */
  readonly #seen = new Map<string, number>();
  /** Set by a whole-text `redact` finding: the rest of this text is replaced by one label. */
  #suppressed = false;

  constructor(config: WindowGuardConfig) {
    this.#config = config;
  }

  /** Characters currently held back (for tests and metrics). */
  get heldChars(): number {
    return this.#held.length;
  }

  /** Appends streamed text; returns the text released by it ('' when none). Throws on block. */
  append(text: string): string {
    const { maxHeldChars, holdBackChars, inspectEveryChars, eager } = this.#config;
    let out = '';
    let offset = 0;
    // Large deltas are taken in pieces so the held text, and so each
    // inspected subject, never exceeds the cap.
    while (offset < text.length && !this.#suppressed) {
      const piece = text.slice(offset, offset + maxHeldChars - this.#held.length);
      offset += piece.length;
      this.#held += piece;
      this.#newSinceInspect += piece.length;
      if (this.#held.length >= maxHeldChars) out += this.#process('cap');
      else if (
        eager &&
        this.#newSinceInspect >= inspectEveryChars &&
        this.#held.length > holdBackChars
      ) {
        out += this.#process('window');
      }
    }
    return out;
  }

  /** Inspects and releases everything held: the text is complete. Throws on block. */
  flush(): string {
    if (this.#held.length === 0 || this.#suppressed) return '';
    return this.#process('final');
  }

  #process(mode: Mode): string {
    const { holdBackChars, maxHeldChars, inspectEveryChars } = this.#config;
    this.#newSinceInspect = 0;
    const released = this.#released;
    const total = released + this.#held.length;

    if (mode !== 'final') {
      const from = this.#pendingKey ?? Math.max(released, this.#keyScannedTo - MARKER_MAX_CHARS);
      const found = findUnterminatedPrivateKey(this.#held, from - released);
      this.#pendingKey = found === undefined ? undefined : released + found;
      this.#keyScannedTo = total;
      // Nothing before the key block to release: wait for its END marker
      // (or the cap) without paying for an inspection.
      if (mode === 'window' && this.#pendingKey === released) return '';
    }

    let limit = mode === 'final' ? total : total - holdBackChars;
    // Also at the cap: the key block is given up on only if holding it
    // would leave too little room (`forced` below).
    if (mode !== 'final' && this.#pendingKey !== undefined) {
      limit = Math.min(limit, this.#pendingKey);
    }
    limit = Math.max(limit, released);

    const located = this.#inspect();
    const cut = this.#releasePoint(located, limit, mode, total);
    const forced = mode === 'cap' && total - cut > maxHeldChars - inspectEveryChars;
    const releaseAt = forced ? this.#avoidSurrogateSplit(total - holdBackChars, total) : cut;

    const settled = located.filter(
      (entry) =>
        entry.start === undefined ||
        entry.end <= releaseAt ||
        // At the cap a match still growing past the cut is cut with it: its
        // released part is redacted now rather than memory growing unbounded.
        (forced && entry.start < releaseAt),
    );
    this.#report(settled);
    const blocking = settled.find((entry) => entry.decided.action === 'block');
    if (blocking !== undefined) throw guardBlockedError(blocking.decided);

    const whole = settled.find(
      (entry) => entry.start === undefined && entry.decided.action === 'redact',
    );
    if (whole !== undefined) {
      const all = this.#held;
      this.#suppressed = true;
      this.#held = '';
      this.#context = '';
      this.#released = total;
      return this.#config.redact(all, [whole.decided], released === 0);
    }

    const segment = this.#held.slice(0, releaseAt - released);
    const redactions: DecidedFinding[] = [];
    for (const entry of settled) {
      if (entry.start === undefined || entry.decided.action !== 'redact') continue;
      const start = Math.max(entry.start, released);
      const end = Math.min(entry.end, releaseAt);
      if (start > end || start >= releaseAt) continue;
      redactions.push({
        ...entry.decided,
        finding: {
          ...entry.decided.finding,
          span: { start: start - released, end: end - released },
        },
      });
    }
    const out =
      segment === ''
        ? ''
        : this.#config.redact(segment, redactions, released === 0 && releaseAt === total);

    const contextChars = this.#config.contextChars;
    this.#context =
      contextChars === 0
        ? ''
        : segment.length >= contextChars
          ? segment.slice(segment.length - contextChars)
          : (this.#context + segment).slice(-contextChars);
    this.#held = this.#held.slice(segment.length);
    this.#released = releaseAt;
    if (this.#pendingKey !== undefined && this.#pendingKey < releaseAt)
      this.#pendingKey = undefined;
    this.#keyScannedTo = Math.max(this.#keyScannedTo, releaseAt);
    this.#pruneSeen();
    return out;
  }

  /** Runs the inspection on context + held and maps spans to absolute offsets. */
  #inspect(): Located[] {
    const { inspect, canaries, location } = this.#config;
    const base = this.#released - this.#context.length;
    const text = this.#context + this.#held;
    const length = text.length;
    let decided: readonly DecidedFinding[];
    try {
      decided = inspect({
        surface: 'output',
        text,
        location,
        canaries,
      });
    } catch (error) {
      throw guardFailedError(error);
    }
    const located: Located[] = [];
    for (const entry of decided) {
      const span = entry.finding.span;
      if (span === undefined) {
        located.push({ decided: entry, start: undefined, end: Number.POSITIVE_INFINITY });
        continue;
      }
      // Clamped into the subject: a detector's bad span must not reach
      // text outside the window (or make the release point go backwards).
      const start = base + Math.min(Math.max(span.start, 0), length);
      const end = base + Math.min(Math.max(span.end, span.start, 0), length);
      // Ends inside already-released text: judged when it was held.
      if (end <= this.#released) continue;
      located.push({ decided: entry, start, end });
    }
    return located;
  }

  /**
   * The furthest point at or below `limit` that cuts no match in two (and no
   * surrogate pair): any finding reaching past it pulls it back to its start.
   */
  #releasePoint(located: readonly Located[], limit: number, mode: Mode, total: number): number {
    if (mode === 'final') return total;
    const released = this.#released;
    let cut = limit;
    for (;;) {
      const before = cut;
      for (const entry of located) {
        if (entry.start === undefined) continue;
        if (entry.start < cut && cut < entry.end) cut = Math.max(released, entry.start);
      }
      cut = this.#avoidSurrogateSplit(cut, total);
      if (cut === before) return cut;
    }
  }

  /** A release point never splits a surrogate pair: each emitted part stays valid UTF-16. */
  #avoidSurrogateSplit(cut: number, total: number): number {
    if (cut <= this.#released || cut >= total) return cut;
    const code = this.#held.charCodeAt(cut - this.#released - 1);
    return isHighSurrogate(code) ? cut - 1 : cut;
  }

  #report(settled: readonly Located[]): void {
    const fresh: DecidedFinding[] = [];
    for (const entry of settled) {
      const { detector, rule } = entry.decided.finding;
      const start = entry.start ?? -1;
      const key = `${detector}\u0000${rule}\u0000${start}`;
      if (this.#seen.has(key)) continue;
      this.#seen.set(key, start);
      // Window offsets mean nothing outside this guard: report the span in
      // the whole text at this location.
      fresh.push(
        entry.start === undefined
          ? entry.decided
          : {
              ...entry.decided,
              finding: { ...entry.decided.finding, span: { start: entry.start, end: entry.end } },
            },
      );
    }
    if (fresh.length > 0) this.#config.onNew(fresh);
  }

  /** Forgets findings that start before the context: no later window can see them again. */
  #pruneSeen(): void {
    if (this.#seen.size < SEEN_PRUNE_THRESHOLD) return;
    const floor = this.#released - this.#context.length;
    for (const [key, start] of this.#seen) {
      if (start >= 0 && start < floor) this.#seen.delete(key);
    }
  }
}
