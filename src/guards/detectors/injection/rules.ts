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

export interface Rule {
  /** Stable id, used as the finding rule and in the weights file. */
  readonly id: string;
  /** Why, for people; never quotes the text. */
  readonly reason: string;
  /** Offsets into the normalised text where the rule fired (at most {@link MAX_HITS}). */
  find(normalized: string): readonly number[];
}

/** A rule reports at most this many hits, bounding work on adversarially repetitive input. */
const MAX_HITS = 64;

/**
 * Offsets of the matches of global `pattern` that `accept` keeps, at most
 * {@link MAX_HITS}. A rejected match is retried one character later (a
 * keyword inside a longer word may still start a whole word further on);
 * `lastIndex` is reset before and after.
 */
function matchOffsets(
  pattern: RegExp,
  normalized: string,
  accept: (at: number, length: number) => boolean,
): number[] {
  const hits: number[] = [];
  pattern.lastIndex = 0;
  let match = pattern.exec(normalized);
  while (match !== null && hits.length < MAX_HITS) {
    const at = match.index;
    const length = match[0].length;
    if (accept(at, length)) {
      hits.push(at);
      if (length === 0) pattern.lastIndex++;
    } else {
      pattern.lastIndex = at + 1;
    }
    match = pattern.exec(normalized);
  }
  pattern.lastIndex = 0;
  return hits;
}

/** `pattern` must be a global regex literal (recheck-proven); `lastIndex` is reset per call. */
function regexRule(id: string, reason: string, pattern: RegExp): Rule {
  return {
    id,
    reason,
    find: (normalized) => matchOffsets(pattern, normalized, () => true),
  };
}

/**
 * Keyword rules: `pattern` is a global regex literal that is a plain
 * alternation of escaped keywords (longest first), which recheck proves safe
 * and V8 scans in one pass. Keywords that start or end with a letter must
 * stand as whole words there.
 */
function keywordRule(id: string, reason: string, pattern: RegExp): Rule {
  return {
    id,
    reason,
    find: (normalized) =>
      matchOffsets(pattern, normalized, (at, length) => {
        const startsWord = isAlphanumeric(normalized.charCodeAt(at));
        const endsWord = isAlphanumeric(normalized.charCodeAt(at + length - 1));
        return (
          (!startsWord || isBoundary(normalized, at - 1)) &&
          (!endsWord || isBoundary(normalized, at + length))
        );
      }),
  };
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
function sequence(anchor: RegExp, steps: readonly Step[]): (normalized: string) => number[] {
  return (normalized) => {
    const hits: number[] = [];
    anchor.lastIndex = 0;
    let match = anchor.exec(normalized);
    while (match !== null && hits.length < MAX_HITS) {
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
      if (matched) hits.push(match.index);
      if (match[0].length === 0) anchor.lastIndex++;
      match = anchor.exec(normalized);
    }
    anchor.lastIndex = 0;
    return hits;
  };
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
      const hits = alternatives.flatMap((alternative) => alternative(normalized));
      return hits.sort((left, right) => left - right).slice(0, MAX_HITS);
    },
  };
}

/** Markdown images whose URL carries a query: `![…](http…?…)`. */
function markdownImagesWithQuery(normalized: string): number[] {
  const hits: number[] = [];
  let at = normalized.indexOf('![');
  while (at !== -1 && hits.length < MAX_HITS) {
    const close = normalized.indexOf('](', at + 2);
    if (close !== -1 && close - at <= 102 && !normalized.slice(at, close).includes('\n')) {
      let start = close + 2;
      if (normalized.charCodeAt(start) === 32) start++;
      if (normalized.startsWith('http://', start) || normalized.startsWith('https://', start)) {
        const url = urlAt(normalized, start);
        if (url.includes('?') || url.includes('&') || url.includes('=')) hits.push(at);
      }
    }
    at = normalized.indexOf('![', at + 2);
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
  while (match !== null && hits.length < MAX_HITS) {
    if (QUERY_PLACEHOLDER.test(urlAt(normalized, match.index))) hits.push(match.index);
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
  /ne tiens pas compte|haz caso omiso|huwag pansinin|vergessen sie|görmezden gel|desconsidere|проигнорируй|игнорировать|dikkate alma|ไม่ต้องสนใจ|не обращай|नज़रअंदाज़|balewalain|disregard|missachte|dimentica|игнорируй|kalimutan|overlook|override|ignorier|trascura|zignoruj|zapomnij|αγνοήστε|नजरअंदाज|vergiss|vergeet|ignorez|esqueça|esqueca|ignoruj|ігноруй|αγνόησε|yok say|উপেক্ষা|phớt lờ|เพิกเฉย|abaikan|lupakan|ignore|forget|bypass|negeer|oublie|ignora|olvida|olvide|ignoră|забудь|ξέχασε|अनदेखा|bỏ qua|omite|تجاهل|puuza|uită|unut|ভুলে|quên|انس|भूल|ลืม|忽略|忘记|忘掉|无视|忽視|無視|忘れ|무시|잊어/g;

const INSTRUCTION_NOUNS =
  /instrucciones|indicaciones|instrucțiuni|instrucţiuni|instruction|programming|instructies|directrices|directions|istruzioni|instruções|instrucoes|guideline|directive|anweisung|anleitung|instrukcj|инструкци|інструкці|التعليمات|hướng dẫn|instruksi|tagubilin|maelekezo|vorgaben|consigne|kurallar|petunjuk|perintah|befehle|polecen|указани|вказівк|talimat|yönerge|تعليمات|الأوامر|القواعد|إرشادات|निर्देश|নির্দেশ|chỉ dẫn|chỉ thị|quy tắc|คำแนะนำ|maagizo|prompt|regeln|regels|règles|reglas|regole|regras|reguli|zasady|правил|คำสั่ง|aturan|panuto|rules|οδηγί|κανόν|নিয়ম|नियम|utos|ルール|指令|指示|说明|規則|规则|命令|지시|지침|명령|규칙/;

const PAIR_DISTANCE = 60;

function isLatinLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 0xe0 && code <= 0x24f);
}

const multilingualOverride: Rule = {
  id: 'instruction-override-multilingual',
  reason: 'asks to ignore or forget instructions (multilingual keywords)',
  find(normalized) {
    const hits: number[] = [];
    DISMISS_VERBS.lastIndex = 0;
    let match = DISMISS_VERBS.exec(normalized);
    while (match !== null && hits.length < MAX_HITS) {
      const at = match.index;
      // A Latin-script verb must start a word ("unut" is not inside "minute").
      const wordStart =
        !isLatinLetter(normalized.charCodeAt(at)) ||
        at === 0 ||
        !isLatinLetter(normalized.charCodeAt(at - 1));
      if (wordStart) {
        const from = Math.max(0, at - PAIR_DISTANCE);
        const to = Math.min(normalized.length, at + match[0].length + PAIR_DISTANCE);
        if (INSTRUCTION_NOUNS.test(normalized.slice(from, to))) hits.push(at);
      } else {
        DISMISS_VERBS.lastIndex = at + 1;
      }
      match = DISMISS_VERBS.exec(normalized);
    }
    DISMISS_VERBS.lastIndex = 0;
    return hits;
  },
};

/** The rules in weight order; appending is compatible, reordering needs retraining. */
export const RULES: readonly Rule[] = [
  sequenceRule(
    'instruction-override',
    'asks to ignore, disregard or forget previous instructions',
    [
      sequence(/\b(?:ignore|disregard|forget|override|bypass|neglect|skip|drop|abandon)\b/g, [
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
      ]),
    ],
  ),
  regexRule(
    'new-instructions',
    'announces new instructions that replace the current task',
    /\b(?:new|updated|real|actual|true|revised|important|urgent|additional) (?:instructions?|task|directive|orders|system prompt|rules)\b[^.\n]{0,10}[:\-!]|\binstead,? (?:you (?:must|should|will)|do|say|print|output|write|respond)\b|\bfrom now on,? (?:you|your|we|act|respond|answer|only|always|ignore)\b/g,
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
    sequence(/\b(?:call|use|invoke|run|execute|trigger)\b/g, [
      {
        pattern:
          /^ (?:the |this |your )?[\w.-]{1,40} (?:tool|function|api|plugin|action|endpoint)\b/,
        within: 72,
      },
    ]),
    sequence(/\b(?:call|invoke|execute)\b/g, [
      { pattern: /^ (?:the |this )?`?\w{2,40}\(/, within: 56 },
    ]),
    sequence(/\b(?:send|forward|email|transfer|wire|upload|post|leak|exfiltrate)\b/g, [
      { pattern: /\bto /, within: 64 },
      { pattern: /^[\w.+-]{1,64}@[\w-]{1,64}\.\w/, within: 140, acrossPeriods: true },
    ]),
  ]),
  sequenceRule('exfiltration-url', 'renders an image or link that carries data in its URL', [
    markdownImagesWithQuery,
    urlsWithPlaceholder,
    sequence(/\b(?:append|include|add|encode|put)\b/g, [
      {
        pattern: /\b(?:to|in|into) (?:the |this |a )?(?:url|link|query string|image url)\b/,
        within: 64,
      },
    ]),
  ]),
  keywordRule(
    'persona-jailbreak',
    'uses a jailbreak persona (DAN, developer mode, unrestricted AI)',
    /always intelligent and machiavellian|without any restrictions|without restrictions|ignore all ethical|stay in character|do anything now|no restrictions|unrestricted ai|developer mode|aim stands for|without ethics|without morals|evil confidant|content policy|no guidelines|free from all|opposite mode|unlocked mode|not bound by|broken free|jailbroken|unfiltered|uncensored|no ethical|freed from|jailbreak|betterdan|dev mode|dan mode|anti-dan|no moral|god mode|amoral|stan|dude/g,
  ),
  keywordRule(
    'refusal-suppression',
    'forbids refusals, warnings or disclaimers',
    /do not include any warnings|begin your response with|start your response with|without any disclaimers|as an ai language model|start your reply with|without any warnings|without disclaimers|refuse to answer|without warnings|do not apologize|must not refuse|will not refuse|never apologize|never apologise|don't apologize|i cannot comply|no disclaimers|i'm sorry, but|do not refuse|cannot refuse|sure, here is|never refuse|don't refuse|can't refuse|never say no|no warnings|sure, here/g,
  ),
  regexRule(
    'prompt-leak',
    'asks to reveal the system prompt, hidden instructions or a secret',
    /\b(?:reveal|print|repeat|show|output|display|leak|share|tell me|give me|spell|write out|what (?:is|are|was|were))\b[^.\n?]{0,40}\b(?:your|the|my|this|these) (?:system prompt|initial prompt|original prompt|hidden prompt|pre-prompt|prompt|instructions|hidden instructions|initial instructions|original instructions|system message|secret key|secret word|secret code|secret|password|passcode|confidential instructions)\b|\b(?:words|text|everything) (?:above|before) (?:this|starting)\b/g,
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
  const hits: RuleHit[] = [];
  RULES.forEach((rule, index) => {
    for (const at of rule.find(normalized)) hits.push({ rule: index, at });
  });
  return hits;
}
