/**
 * High-precision rule features for the injection model. Each rule scans the
 * normalised text (casefolded, whitespace collapsed: see features.ts) and
 * returns the offsets where it fired; the model learns one weight per rule
 * and a window gets a rule's weight when a hit starts inside it. Every rule
 * has a stable id and a human reason for findings.
 *
 * ReDoS: every pattern is a literal alternation or a bounded character class
 * between literals (no nested or unbounded quantifiers), and multilingual
 * phrases are found by plain `indexOf` keyword scanning.
 */
import { SEGMENT_CHARS } from './features.ts';

export interface Rule {
  /** Stable id, used as the finding rule and in the weights file. */
  readonly id: string;
  /** Why, for people; never quotes the text. */
  readonly reason: string;
  /**
   * Offsets into the normalised text where the rule fired: the first hit of
   * each segment (see {@link afterHit}).
   */
  find(normalized: string): readonly number[];
}

/**
 * Where the search resumes after a hit at `at` that would otherwise resume
 * at `from`: the start of the next segment. The model only asks whether a
 * rule fired in a segment, so further hits there add nothing; skipping them
 * bounds hits by the text's length (one per segment) without a global cap,
 * which used to drop the late hits of a long document whose first part
 * repeats a cue.
 */
function afterHit(at: number, from: number): number {
  return Math.max(from, (Math.floor(at / SEGMENT_CHARS) + 1) * SEGMENT_CHARS);
}

/**
 * Which candidates the scan drops because a match there cannot count,
 * given the character before: a match of `\b(?:word…)` needs a regex word
 * boundary (`regex-word`); a keyword rule rejects a letter or digit keyword
 * that continues a letter or digit (`alphanumeric`); the multilingual verbs
 * reject a Latin letter that continues a Latin letter (`latin-letter`).
 */
type InsideWord = 'regex-word' | 'alphanumeric' | 'latin-letter';

/**
 * A sticky pattern every match of which starts with one of `literals`. It is
 * tried only at the offsets where one of them starts (found for every
 * pattern at once by {@link scanCandidates}), which finds the same matches
 * as a global regex trying every offset at a fraction of the cost.
 */
interface Anchored {
  readonly pattern: RegExp;
  readonly literals: readonly string[];
  readonly insideWord: InsideWord;
  /** Index in {@link ANCHORED}, the pattern's bit in the candidate table. */
  readonly slot: number;
}

const ANCHORED: Anchored[] = [];

/** `pattern` must be a sticky regex literal (recheck-proven) whose every match starts with a literal. */
function anchored(pattern: RegExp, literals: readonly string[], insideWord: InsideWord): Anchored {
  if (!pattern.sticky || ANCHORED.length >= 32)
    throw new Error('anchored patterns: sticky, at most 32');
  for (const literal of literals) {
    if (literal.length < 2) throw new Error('anchored literals have two or more characters');
  }
  const entry = { pattern, literals, insideWord, slot: ANCHORED.length };
  ANCHORED.push(entry);
  return entry;
}

/** `\b(?:a|b|c)\b` over plain words: anchored on the words. */
function words(pattern: RegExp): Anchored {
  const match = /^\\b\(\?:([a-z|]+)\)\\b$/.exec(pattern.source);
  if (match === null) throw new Error('words() takes \\b(?:word|word)\\b');
  return anchored(pattern, (match[1] ?? '').split('|'), 'regex-word');
}

/** A keyword alternation (see {@link keywordRule}), anchored on its keywords. */
function keywords(pattern: RegExp): Anchored {
  return anchored(pattern, alternativesOf(pattern), 'alphanumeric');
}

/** The keywords of a plain alternation of literal keywords (no escapes, groups or classes). */
function alternativesOf(pattern: RegExp): string[] {
  if (/[\\()[\]{}?*+.^$]/.test(pattern.source)) {
    throw new Error('alternativesOf() takes a plain alternation of keywords');
  }
  return pattern.source.split('|');
}

/** Candidate offsets per anchored pattern, for the text last scanned. */
let scannedText: string | undefined;
let candidates: Int32Array[] = [];
let candidateCounts = new Int32Array(0);
/** Bit masks of anchored patterns by hashed 3-character (or 2-character) literal prefix. */
let prefixTable: Uint32Array | undefined;
/** Non-zero where some literal may start with these two characters ({@link pairKey}): a cheap first filter. */
let pairTable: Uint8Array | undefined;

const PREFIX_BITS = 16;
/** Stands for "no third character" in the hash of a two-character prefix. */
const NO_CHARACTER = 0x10000;

function prefixHash(first: number, second: number, third: number): number {
  return (
    Math.imul(first ^ Math.imul(second, 0x9e3779b1) ^ Math.imul(third, 0x85ebca6b), 0xc2b2ae35) >>>
    (32 - PREFIX_BITS)
  );
}

/** Two characters folded to a byte each (high byte mixed in, so other scripts rarely collide with ASCII). */
function pairKey(first: number, second: number): number {
  return (((first ^ (first >>> 8)) & 0xff) << 8) | ((second ^ (second >>> 8)) & 0xff);
}

function buildTables(): { prefixes: Uint32Array; pairs: Uint8Array } {
  const prefixes = new Uint32Array(1 << PREFIX_BITS);
  const pairs = new Uint8Array(1 << 16);
  for (const entry of ANCHORED) {
    for (const literal of entry.literals) {
      const third = literal.length >= 3 ? literal.charCodeAt(2) : NO_CHARACTER;
      const key = prefixHash(literal.charCodeAt(0), literal.charCodeAt(1), third);
      prefixes[key] = (prefixes[key] ?? 0) | (1 << entry.slot);
      pairs[pairKey(literal.charCodeAt(0), literal.charCodeAt(1))] = 1;
    }
  }
  return { prefixes, pairs };
}

function isAsciiLowercase(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isRegexWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95
  );
}

function continuesWord(kind: InsideWord, before: number, code: number): boolean {
  switch (kind) {
    case 'regex-word':
      return isRegexWordChar(before) && isRegexWordChar(code);
    case 'alphanumeric':
      return isAlphanumeric(before) && isAlphanumeric(code);
    case 'latin-letter':
      return isLatinLetter(before) && isLatinLetter(code);
  }
}

/**
 * One pass over the text: every offset where a literal of an anchored
 * pattern may start (hashed 3-character prefixes, so a few extra offsets
 * are harmless: the sticky pattern decides), except where the match could
 * not count (see {@link InsideWord}).
 */
function scanCandidates(normalized: string): void {
  if (normalized === scannedText) return;
  if (prefixTable === undefined || pairTable === undefined) {
    const tables = buildTables();
    prefixTable = tables.prefixes;
    pairTable = tables.pairs;
  }
  const prefixes = prefixTable;
  const pairs = pairTable;
  if (candidates.length !== ANCHORED.length) {
    candidates = ANCHORED.map(() => new Int32Array(64));
    candidateCounts = new Int32Array(ANCHORED.length);
  }
  candidateCounts.fill(0);
  const length = normalized.length;
  let before = -1;
  let first = length > 0 ? normalized.charCodeAt(0) : -1;
  let second = length > 1 ? normalized.charCodeAt(1) : -1;
  for (let index = 0; index < length; index++) {
    const third = index + 2 < length ? normalized.charCodeAt(index + 2) : -1;
    // Inside an ASCII word no anchored match can count (every kind of
    // `InsideWord` drops it); elsewhere the pair filter rejects most offsets.
    if (
      !(isAsciiLowercase(before) && isAsciiLowercase(first)) &&
      pairs[pairKey(first, second)] === 1
    ) {
      let mask =
        (prefixes[prefixHash(first, second, third)] ?? 0) |
        (prefixes[prefixHash(first, second, NO_CHARACTER)] ?? 0);
      while (mask !== 0) {
        const slot = 31 - Math.clz32(mask & -mask);
        mask &= mask - 1;
        const entry = ANCHORED[slot];
        if (entry === undefined || continuesWord(entry.insideWord, before, first)) continue;
        addCandidate(slot, index);
      }
    }
    before = first;
    first = second;
    second = third;
  }
  scannedText = normalized;
}

function addCandidate(slot: number, offset: number): void {
  const count = candidateCounts[slot] ?? 0;
  let list = candidates[slot] ?? new Int32Array(64);
  if (count >= list.length) {
    const grown = new Int32Array(list.length * 2);
    grown.set(list);
    list = grown;
  }
  list[count] = offset;
  candidates[slot] = list;
  candidateCounts[slot] = count + 1;
}

/** Set by {@link findRuleHitsExhaustive}: try every offset, as a global regex does. */
let exhaustive = false;

/** {@link NextMatch} for an anchored pattern: the sticky pattern at each candidate from `from` on. */
function anchoredMatches(entry: Anchored): NextMatch {
  return (normalized, from) => {
    if (exhaustive) return matchFromEveryOffset(entry.pattern, normalized, from);
    scanCandidates(normalized);
    const list = candidates[entry.slot];
    const count = candidateCounts[entry.slot] ?? 0;
    if (list === undefined) return null;
    // First candidate at or after `from` (binary search: `from` only grows within a rule).
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((list[middle] ?? 0) < from) low = middle + 1;
      else high = middle;
    }
    const pattern = entry.pattern;
    for (let index = low; index < count; index++) {
      pattern.lastIndex = list[index] ?? 0;
      const match = pattern.exec(normalized);
      if (match !== null) {
        pattern.lastIndex = 0;
        return match;
      }
    }
    pattern.lastIndex = 0;
    return null;
  };
}

/** The first match starting at or after `from`, or null. */
type NextMatch = (normalized: string, from: number) => RegExpExecArray | null;

/** {@link NextMatch} for a global regex literal; `lastIndex` is left at 0. */
function globalMatches(pattern: RegExp): NextMatch {
  return (normalized, from) => {
    pattern.lastIndex = from;
    const match = pattern.exec(normalized);
    pattern.lastIndex = 0;
    return match;
  };
}

/**
 * Offsets of the matches that `accept` keeps, one per segment. A
 * rejected match is retried one character later (a keyword inside a longer
 * word may still start a whole word further on).
 */
function matchOffsets(
  next: NextMatch,
  normalized: string,
  accept: (at: number, length: number) => boolean,
): number[] {
  const hits: number[] = [];
  let match = next(normalized, 0);
  while (match !== null) {
    const at = match.index;
    const length = match[0].length;
    let from: number;
    if (accept(at, length)) {
      hits.push(at);
      from = afterHit(at, length === 0 ? at + 1 : at + length);
    } else {
      from = at + 1;
    }
    match = next(normalized, from);
  }
  return hits;
}

/** A rule over every match of `next` (a global regex literal or an {@link Anchored} pattern). */
function regexRule(id: string, reason: string, pattern: RegExp | Anchored): Rule {
  const next = nextMatchOf(pattern);
  return {
    id,
    reason,
    find: (normalized) => matchOffsets(next, normalized, () => true),
  };
}

/**
 * Keyword rules: `pattern` is a plain alternation of escaped keywords
 * (longest first), which recheck proves safe. Keywords that start or end
 * with a letter must stand as whole words there.
 */
function keywordRule(id: string, reason: string, pattern: RegExp | Anchored): Rule {
  const next = nextMatchOf(pattern);
  return {
    id,
    reason,
    find: (normalized) =>
      matchOffsets(next, normalized, (at, length) => {
        const startsWord = isAlphanumeric(normalized.charCodeAt(at));
        const endsWord = isAlphanumeric(normalized.charCodeAt(at + length - 1));
        return (
          (!startsWord || isBoundary(normalized, at - 1)) &&
          (!endsWord || isBoundary(normalized, at + length))
        );
      }),
  };
}

function nextMatchOf(pattern: RegExp | Anchored): NextMatch {
  return pattern instanceof RegExp ? globalMatches(pattern) : anchoredMatches(pattern);
}

/** One step of a sequence: a pattern that must match within `within` characters of the previous step. */
interface Step {
  readonly pattern: RegExp;
  readonly within: number;
  /** Search past a period (an e-mail address or a URL has them). */
  readonly acrossPeriods?: boolean;
}

/**
 * An anchor followed by steps, each searched in a short slice after the
 * previous match, cut at the first sentence end or line break. This replaces
 * `a[^.\n]{0,40}b[^.\n]{0,30}c`, which recheck rates polynomial: here each
 * regex is a plain alternation and each slice is bounded, so work is linear.
 */
function sequence(anchor: Anchored, steps: readonly Step[]): (normalized: string) => number[] {
  const next = anchoredMatches(anchor);
  return (normalized) => {
    const hits: number[] = [];
    let match = next(normalized, 0);
    while (match !== null) {
      let position = match.index + match[0].length;
      let matched = true;
      for (const step of steps) {
        let slice = normalized.slice(position, position + step.within);
        const stop = step.acrossPeriods === true ? slice.indexOf('\n') : firstStop(slice);
        if (stop !== -1) slice = slice.slice(0, stop);
        const found = step.pattern.exec(slice);
        if (found === null) {
          matched = false;
          break;
        }
        position += found.index + found[0].length;
      }
      const end = match.index + match[0].length;
      let from = match[0].length === 0 ? end + 1 : end;
      if (matched) {
        hits.push(match.index);
        from = afterHit(match.index, from);
      }
      match = next(normalized, from);
    }
    return hits;
  };
}

function ascending(left: number, right: number): number {
  return left - right;
}

function firstStop(slice: string): number {
  const period = slice.indexOf('.');
  const newline = slice.indexOf('\n');
  if (period === -1) return newline;
  if (newline === -1) return period;
  return Math.min(period, newline);
}

function sequenceRule(
  id: string,
  reason: string,
  alternatives: readonly ((normalized: string) => number[])[],
): Rule {
  return {
    id,
    reason,
    find(normalized) {
      // Each alternative's hits are ascending: merge only when two have hits.
      let hits: number[] = [];
      let sources = 0;
      for (const alternative of alternatives) {
        const found = alternative(normalized);
        if (found.length === 0) continue;
        hits = sources === 0 ? found : hits.concat(found);
        sources++;
      }
      if (sources <= 1) return hits;
      return hits.sort(ascending);
    },
  };
}

/** Markdown images whose URL carries a query: `![…](http…?…)`. */
function markdownImagesWithQuery(normalized: string): number[] {
  const hits: number[] = [];
  let at = normalized.indexOf('![');
  while (at !== -1) {
    let from = at + 2;
    const close = normalized.indexOf('](', at + 2);
    if (close !== -1 && close - at <= 102 && !normalized.slice(at, close).includes('\n')) {
      let start = close + 2;
      if (normalized.charCodeAt(start) === 32) start++;
      if (normalized.startsWith('http://', start) || normalized.startsWith('https://', start)) {
        const url = urlAt(normalized, start);
        if (url.includes('?') || url.includes('&') || url.includes('=')) {
          hits.push(at);
          from = afterHit(at, from);
        }
      }
    }
    at = normalized.indexOf('![', from);
  }
  return hits;
}

/** The URL starting at `start`, up to whitespace or `)`, at most 400 characters. */
function urlAt(text: string, start: number): string {
  let end = start;
  const limit = Math.min(text.length, start + 400);
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code === 41 || code === 32 || code === 10) break;
    end++;
  }
  return text.slice(start, end);
}

/** URLs with a template placeholder in a query value (`?q={data}`, `=$SECRET`, `=<…>`). */
function urlsWithPlaceholder(normalized: string): number[] {
  const hits: number[] = [];
  URL_START.lastIndex = 0;
  let match = URL_START.exec(normalized);
  while (match !== null) {
    if (QUERY_PLACEHOLDER.test(urlAt(normalized, match.index))) {
      hits.push(match.index);
      URL_START.lastIndex = afterHit(match.index, URL_START.lastIndex);
    }
    match = URL_START.exec(normalized);
  }
  URL_START.lastIndex = 0;
  return hits;
}

const URL_START = /https?:\/\//g;
const QUERY_PLACEHOLDER = /[?&]\w{1,30}=(?:\{|\$|%7b|<|\[)/;

function isAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** A keyword that starts or ends with a letter only counts as a whole word there. */
function isBoundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  return !isAlphanumeric(text.charCodeAt(index));
}

/**
 * "ignore X instructions" in many languages: a verb of dismissal and an
 * instruction noun within {@link PAIR_DISTANCE} characters either side (SOV
 * languages such as Hindi, Japanese, Korean and Turkish put the noun first).
 * Hand-written stems, not learned from data, so languages absent from the
 * training data are covered too.
 */
const DISMISS_VERBS =
  /ne tiens pas compte|haz caso omiso|huwag pansinin|vergessen sie|görmezden gel|desconsidere|проигнорируй|игнорировать|dikkate alma|ไม่ต้องสนใจ|не обращай|नज़रअंदाज़|balewalain|disregard|missachte|dimentica|игнорируй|kalimutan|overlook|override|ignorier|trascura|zignoruj|zapomnij|αγνοήστε|नजरअंदाज|vergiss|vergeet|ignorez|esqueça|esqueca|ignoruj|ігноруй|αγνόησε|yok say|উপেক্ষা|phớt lờ|เพิกเฉย|abaikan|lupakan|ignore|forget|bypass|negeer|oublie|ignora|olvida|olvide|ignoră|забудь|ξέχασε|अनदेखा|bỏ qua|omite|تجاهل|puuza|uită|unut|ভুলে|quên|انس|भूल|ลืม|忽略|忘记|忘掉|无视|忽視|無視|忘れ|무시|잊어/y;

const INSTRUCTION_NOUNS =
  /instrucciones|indicaciones|instrucțiuni|instrucţiuni|instruction|programming|instructies|directrices|directions|istruzioni|instruções|instrucoes|guideline|directive|anweisung|anleitung|instrukcj|инструкци|інструкці|التعليمات|hướng dẫn|instruksi|tagubilin|maelekezo|vorgaben|consigne|kurallar|petunjuk|perintah|befehle|polecen|указани|вказівк|talimat|yönerge|تعليمات|الأوامر|القواعد|إرشادات|निर्देश|নির্দেশ|chỉ dẫn|chỉ thị|quy tắc|คำแนะนำ|maagizo|prompt|regeln|regels|règles|reglas|regole|regras|reguli|zasady|правил|คำสั่ง|aturan|panuto|rules|οδηγί|κανόν|নিয়ম|नियम|utos|ルール|指令|指示|说明|規則|规则|命令|지시|지침|명령|규칙/;

const PAIR_DISTANCE = 60;

function isLatinLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 0xe0 && code <= 0x24f);
}

const dismissVerbs = anchored(DISMISS_VERBS, alternativesOf(DISMISS_VERBS), 'latin-letter');

const multilingualOverride: Rule = {
  id: 'instruction-override-multilingual',
  reason: 'asks to ignore or forget instructions (multilingual keywords)',
  find(normalized) {
    const next = anchoredMatches(dismissVerbs);
    const hits: number[] = [];
    let match = next(normalized, 0);
    while (match !== null) {
      const at = match.index;
      // A Latin-script verb must start a word ("unut" is not inside "minute").
      const wordStart =
        !isLatinLetter(normalized.charCodeAt(at)) ||
        at === 0 ||
        !isLatinLetter(normalized.charCodeAt(at - 1));
      let from = at + 1;
      if (wordStart) {
        const near = Math.max(0, at - PAIR_DISTANCE);
        const to = Math.min(normalized.length, at + match[0].length + PAIR_DISTANCE);
        from = at + match[0].length;
        if (INSTRUCTION_NOUNS.test(normalized.slice(near, to))) {
          hits.push(at);
          from = afterHit(at, from);
        }
      }
      match = next(normalized, from);
    }
    return hits;
  },
};

/** The rules in weight order; appending is compatible, reordering needs retraining. */
export const RULES: readonly Rule[] = [
  sequenceRule(
    'instruction-override',
    'asks to ignore, disregard or forget previous instructions',
    [
      sequence(
        words(/\b(?:ignore|disregard|forget|override|bypass|neglect|skip|drop|abandon)\b/y),
        [
          {
            pattern:
              /\b(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|existing|all|any|every|your|system|developer|safety)\b/,
            within: 48,
          },
          {
            pattern:
              /\b(?:instructions?|rules|directions|guidelines|prompts?|directives|commands|context|constraints|programming|restrictions|guardrails|policies|training|conversation)\b/,
            within: 44,
          },
        ],
      ),
    ],
  ),
  regexRule(
    'new-instructions',
    'announces new instructions that replace the current task',
    anchored(
      /\b(?:new|updated|real|actual|true|revised|important|urgent|additional) (?:instructions?|task|directive|orders|system prompt|rules)\b[^.\n]{0,10}[:\-!]|\binstead,? (?:you (?:must|should|will)|do|say|print|output|write|respond)\b|\bfrom now on,? (?:you|your|we|act|respond|answer|only|always|ignore)\b/y,
      [
        ...['new', 'updated', 'real', 'actual', 'true', 'revised', 'important', 'urgent'],
        ...['additional', 'instead', 'from now on'],
      ],
      'regex-word',
    ),
  ),
  multilingualOverride,
  keywordRule(
    'chat-template-token',
    'contains chat-template control tokens (role spoofing)',
    /<\|start_header_id\|>|<\/function_results>|<\|begin_of_text\|>|<start_of_turn>|<\/instructions>|<\/tool_output>|<\|assistant\|>|<\|endoftext\|>|<end_of_turn>|<\|im_start\|>|<\/assistant>|<\/document>|<\|im_end\|>|<\|system\|>|<\|eot_id\|>|<\/context>|<\/system>|<\|user\|>|<<\/sys>>|<system>|\[\/inst\]|<<sys>>|<\/user>|\[inst\]/g,
  ),
  regexRule(
    'fake-turn',
    'contains a fake system, assistant or admin turn',
    /(?:^|\n)[#>*[( ]{0,4}(?:system|assistant|admin|administrator|developer|root|system_message|system message|system override|system note|system prompt|sudo)[\])*]{0,2} ?[:>\]|]/g,
  ),
  sequenceRule('tool-coercion', 'tells the agent to call a tool or function', [
    sequence(words(/\b(?:call|use|invoke|run|execute|trigger)\b/y), [
      {
        pattern:
          /^ (?:the |this |your )?[\w.-]{1,40} (?:tool|function|api|plugin|action|endpoint)\b/,
        within: 72,
      },
    ]),
    sequence(words(/\b(?:call|invoke|execute)\b/y), [
      { pattern: /^ (?:the |this )?`?\w{2,40}\(/, within: 56 },
    ]),
    sequence(words(/\b(?:send|forward|email|transfer|wire|upload|post|leak|exfiltrate)\b/y), [
      { pattern: /\bto /, within: 64 },
      { pattern: /^[\w.+-]{1,64}@[\w-]{1,64}\.\w/, within: 140, acrossPeriods: true },
    ]),
  ]),
  sequenceRule('exfiltration-url', 'renders an image or link that carries data in its URL', [
    markdownImagesWithQuery,
    urlsWithPlaceholder,
    sequence(words(/\b(?:append|include|add|encode|put)\b/y), [
      {
        pattern: /\b(?:to|in|into) (?:the |this |a )?(?:url|link|query string|image url)\b/,
        within: 64,
      },
    ]),
  ]),
  keywordRule(
    'persona-jailbreak',
    'uses a jailbreak persona (DAN, developer mode, unrestricted AI)',
    keywords(
      /always intelligent and machiavellian|without any restrictions|without restrictions|ignore all ethical|stay in character|do anything now|no restrictions|unrestricted ai|developer mode|aim stands for|without ethics|without morals|evil confidant|content policy|no guidelines|free from all|opposite mode|unlocked mode|not bound by|broken free|jailbroken|unfiltered|uncensored|no ethical|freed from|jailbreak|betterdan|dev mode|dan mode|anti-dan|no moral|god mode|amoral|stan|dude/y,
    ),
  ),
  keywordRule(
    'refusal-suppression',
    'forbids refusals, warnings or disclaimers',
    keywords(
      /do not include any warnings|begin your response with|start your response with|without any disclaimers|as an ai language model|start your reply with|without any warnings|without disclaimers|refuse to answer|without warnings|do not apologize|must not refuse|will not refuse|never apologize|never apologise|don't apologize|i cannot comply|no disclaimers|i'm sorry, but|do not refuse|cannot refuse|sure, here is|never refuse|don't refuse|can't refuse|never say no|no warnings|sure, here/y,
    ),
  ),
  regexRule(
    'prompt-leak',
    'asks to reveal the system prompt, hidden instructions or a secret',
    anchored(
      /\b(?:reveal|print|repeat|show|output|display|leak|share|tell me|give me|spell|write out|what (?:is|are|was|were))\b[^.\n?]{0,40}\b(?:your|the|my|this|these) (?:system prompt|initial prompt|original prompt|hidden prompt|pre-prompt|prompt|instructions|hidden instructions|initial instructions|original instructions|system message|secret key|secret word|secret code|secret|password|passcode|confidential instructions)\b|\b(?:words|text|everything) (?:above|before) (?:this|starting)\b/y,
      [
        ...['reveal', 'print', 'repeat', 'show', 'output', 'display', 'leak', 'share'],
        ...['tell me', 'give me', 'spell', 'write out', 'what ', 'words', 'text', 'everything'],
      ],
      'regex-word',
    ),
  ),
];

/** Rule ids in weight order. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/** One rule hit: the rule's index in {@link RULES} and the normalised offset. */
export interface RuleHit {
  readonly rule: number;
  readonly at: number;
}

/** All rule hits in a normalised text. */
export function findRuleHits(normalized: string): readonly RuleHit[] {
  // Scanned afresh: every rule below reuses this one scan.
  scannedText = undefined;
  scanCandidates(normalized);
  const hits: RuleHit[] = [];
  for (let rule = 0; rule < RULES.length; rule++) {
    for (const at of RULES[rule]?.find(normalized) ?? []) hits.push({ rule, at });
  }
  return hits;
}

/**
 * {@link findRuleHits} with every anchored pattern tried at every offset, as
 * a global regex would: the reference the candidate scan is tested against.
 */
export function findRuleHitsExhaustive(normalized: string): readonly RuleHit[] {
  exhaustive = true;
  try {
    return findRuleHits(normalized);
  } finally {
    exhaustive = false;
  }
}

/** The leftmost match of sticky `pattern` at or after `from`, trying every offset. */
function matchFromEveryOffset(
  pattern: RegExp,
  normalized: string,
  from: number,
): RegExpExecArray | null {
  for (let offset = from; offset <= normalized.length; offset++) {
    pattern.lastIndex = offset;
    const match = pattern.exec(normalized);
    if (match !== null) {
      pattern.lastIndex = 0;
      return match;
    }
  }
  pattern.lastIndex = 0;
  return null;
}
