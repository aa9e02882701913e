import type { ChatMessage } from '../../../chat/types.ts';
import { messageText } from '../message-text.ts';
import { lastText } from '../split-text.ts';
import { INSTRUCTION_VERBS } from './instruction-verbs.ts';

/** Only the end of a long message is scanned: injected instructions are found in bounded time. */
export const MAX_SCANNED_PER_MESSAGE = 64 * 1024;
/** Scanning stops after this much text, counting back from the end of the conversation. */
export const MAX_SCANNED_TOTAL = 1024 * 1024;

/** An instruction found in a message: `source.slice(start, end)` is its text, from the verb on. */
export interface Instruction {
  readonly messageIndex: number;
  /** The scanned text of the message (arguments may run past the instruction's sentence). */
  readonly source: string;
  readonly start: number;
  /** End of the instruction text, trailing whitespace and punctuation trimmed. */
  readonly end: number;
  /** End of the sentence or line holding the instruction. */
  readonly sentenceEnd: number;
}

/**
 * The most recent instruction in the conversation: messages are scanned
 * from the last back (assistant messages are skipped: the model does not
 * obey itself), and within a message the last instruction wins.
 */
export function findMostRecentInstruction(
  messages: readonly ChatMessage[],
): Instruction | undefined {
  let budget = MAX_SCANNED_TOTAL;
  for (let index = messages.length - 1; index >= 0 && budget > 0; index -= 1) {
    const message = messages[index];
    if (message === undefined || message.role === 'assistant') continue;
    const limit = Math.min(MAX_SCANNED_PER_MESSAGE, budget);
    const instruction = findInstructionIn(message, index, limit);
    if (instruction !== undefined) return instruction;
    budget -= limit;
  }
  return undefined;
}

/** The last instruction in one message's text (its last `limit` characters). */
export function findInstructionIn(
  message: ChatMessage,
  messageIndex: number,
  limit: number = MAX_SCANNED_PER_MESSAGE,
): Instruction | undefined {
  const source = lastText(messageText(message), limit);
  const sentences = sentencesOf(source);
  for (let index = sentences.length - 1; index >= 0; index -= 1) {
    const sentence = sentences[index];
    if (sentence === undefined) continue;
    const verb = findVerb(source, sentence.start, sentence.end);
    if (verb === undefined) continue;
    const end = trimEnd(source, verb.start, sentence.end);
    // A verb alone (`Run.`) asks for nothing in particular.
    if (end <= verb.end) continue;
    return { messageIndex, source, start: verb.start, end, sentenceEnd: sentence.end };
  }
  return undefined;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Sentences and lines: cut at CR, LF, and `.`, `!` or `?` followed by
 * whitespace or the end (so `evil.example` and `12.5` stay whole). The
 * terminator is not part of the sentence.
 */
function sentencesOf(text: string): readonly Range[] {
  const ranges: Range[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    const isBreak =
      character === '\n' ||
      character === '\r' ||
      ((character === '.' || character === '!' || character === '?') &&
        (index + 1 === text.length || isSpace(text.charAt(index + 1))));
    if (!isBreak) continue;
    if (index > start) ranges.push({ start, end: index });
    start = index + 1;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges;
}

/** How much of a sentence's start is looked at for prefixes and the verb. */
const HEAD_LENGTH = 256;
const MAX_PREFIXES = 8;
const LEADING_MARKS = /^[\s\-–—*•>#"'`“”‘’_~|]+/;
const FIRST_WORD = /^[A-Za-z]+/;
const POLITENESS =
  /^(?:please|kindly|now|also|then|first|next|finally|just|and|so|you must|you should|you need to|you have to|i need you to|i want you to|can you|could you|would you|will you)(?=[\s,])[\s,]*/i;
const ORDINAL = /^\d{1,3}[.)](?=\s)/;
const TAG = /^[[<(][^\]>)\n]{1,40}[\]>)]/;
const LABEL = /^[^:\n]{1,48}:(?=\s)/;

/**
 * Where the instruction's verb is, if the sentence is an instruction.
 * Before the verb it skips list marks and quotes, then repeatedly any of:
 * politeness (`please`, `you must`, `can you`, …), an ordinal (`2)`), a
 * short tag (`[SYSTEM]`, `<important>`) or a short label (`IMPORTANT:`,
 * `Note to the AI:`). The verb must be followed by whitespace, so
 * `Email: bob@example.com` is a label, not an instruction.
 */
function findVerb(text: string, start: number, end: number): Range | undefined {
  let position = start;
  for (let step = 0; step < MAX_PREFIXES; step += 1) {
    let head = text.slice(position, Math.min(end, position + HEAD_LENGTH));
    const marks = LEADING_MARKS.exec(head);
    if (marks !== null) {
      position += marks[0].length;
      head = head.slice(marks[0].length);
    }
    const word = FIRST_WORD.exec(head);
    if (
      word !== null &&
      INSTRUCTION_VERBS.has(word[0].toLowerCase()) &&
      isSpace(head.charAt(word[0].length))
    ) {
      return { start: position, end: position + word[0].length };
    }
    const prefix =
      POLITENESS.exec(head) ?? ORDINAL.exec(head) ?? TAG.exec(head) ?? LABEL.exec(head);
    if (prefix === null) return undefined;
    position += prefix[0].length;
  }
  return undefined;
}

function trimEnd(text: string, start: number, end: number): number {
  let position = end;
  while (position > start && isTrailing(text.charAt(position - 1))) position -= 1;
  return position;
}

function isTrailing(character: string): boolean {
  return isSpace(character) || '.!?;:,'.includes(character);
}

const SPACE = /^\s$/;

function isSpace(character: string): boolean {
  return SPACE.test(character);
}
