/**
 * The texts guards inspect, taken from the canonical chat model, and the
 * rewriting that applies redactions back to it.
 *
 * Input: EVERY turn the caller sent (system, user, assistant history, and
 * the arguments of tool calls in that history) is surface `input`; tool
 * results (OpenAI `role: "tool"`, Anthropic `tool_result` blocks) are
 * surface `tool_output`. Output: the answer's text parts and tool-call
 * arguments, surface `output`.
 *
 * Locations index the canonical conversation (chat/types.ts), which is the
 * caller's `messages` except that an Anthropic top-level `system` is
 * message 0 and an Anthropic user turn holding tool results is two
 * messages (the results first). They never contain the text itself.
 */
import type {
  AssistantMessage,
  ChatCall,
  ChatMessage,
  ChatResult,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../chat/types.ts';
import { applyRedactions, redactionLabel } from './redact.ts';
import type { DecidedFinding, Subject, Surface } from './types.ts';

/** Where a subject's text lives, so a redaction can be written back. */
export interface SubjectPath {
  /** Index into `messages` (input) or `content` (output). */
  readonly item: number;
  /** Index of the part within the message (input only; -1 for output). */
  readonly part: number;
  /** Index of the text within a tool result's content, or -1. */
  readonly inner: number;
  readonly field: 'text' | 'arguments';
}

export interface LocatedSubject {
  readonly subject: Subject;
  readonly path: SubjectPath;
}

/** Every text of a request, in conversation order. Empty texts are skipped. */
export function inputSubjects(call: ChatCall, canaries: readonly string[]): LocatedSubject[] {
  const subjects: LocatedSubject[] = [];
  const add = (surface: Surface, text: string, location: string, path: SubjectPath): void => {
    if (text !== '') subjects.push({ subject: { surface, text, location, canaries }, path });
  };
  call.messages.forEach((message, item) => {
    message.content.forEach((part, partIndex) => {
      const location = `messages[${item}].content[${partIndex}]`;
      switch (part.type) {
        case 'text':
          add('input', part.text, location, { item, part: partIndex, inner: -1, field: 'text' });
          break;
        case 'tool-call':
          add('input', part.arguments, `${location}.arguments`, {
            item,
            part: partIndex,
            inner: -1,
            field: 'arguments',
          });
          break;
        case 'tool-result':
          part.content.forEach((inner, innerIndex) => {
            if (inner.type !== 'text') return;
            add('tool_output', inner.text, `${location}.content[${innerIndex}]`, {
              item,
              part: partIndex,
              inner: innerIndex,
              field: 'text',
            });
          });
          break;
        case 'image':
          break;
      }
    });
  });
  return subjects;
}

/** The texts of a complete answer: text parts (`output.content[i]`) and tool-call arguments. */
export function outputSubjects(result: ChatResult, canaries: readonly string[]): LocatedSubject[] {
  const subjects: LocatedSubject[] = [];
  result.content.forEach((part, item) => {
    const text = part.type === 'text' ? part.text : part.arguments;
    if (text === '') return;
    const field = part.type === 'text' ? 'text' : 'arguments';
    const location = `output.content[${item}]${field === 'arguments' ? '.arguments' : ''}`;
    subjects.push({
      subject: { surface: 'output', text, location, canaries },
      path: { item, part: -1, inner: -1, field },
    });
  });
  return subjects;
}

/** A redaction to write back: the subject and its findings with `redact` actions. */
export interface Redaction {
  readonly located: LocatedSubject;
  readonly decided: readonly DecidedFinding[];
}

/** The call with redacted texts; the same object when nothing is redacted. */
export function redactCall(call: ChatCall, redactions: readonly Redaction[]): ChatCall {
  if (redactions.length === 0) return call;
  const messages = [...call.messages];
  for (const { located, decided } of redactions) {
    const { item, part, inner, field } = located.path;
    const message = messages[item];
    if (message === undefined) continue;
    const replaced = redactedText(located.subject.text, decided, field);
    messages[item] = replaceInMessage(message, part, inner, replaced);
  }
  return { ...call, messages };
}

/** The answer with redacted texts; the same object when nothing is redacted. */
export function redactResult(result: ChatResult, redactions: readonly Redaction[]): ChatResult {
  if (redactions.length === 0) return result;
  const content = [...result.content];
  for (const { located, decided } of redactions) {
    const part = content[located.path.item];
    if (part === undefined) continue;
    const replaced = redactedText(located.subject.text, decided, located.path.field);
    content[located.path.item] =
      part.type === 'text' ? { ...part, text: replaced } : { ...part, arguments: replaced };
  }
  return { ...result, content };
}

/**
 * Redacted text. Tool-call arguments are JSON: a localised redaction inside
 * a string keeps them valid (the label has no quote or backslash), but a
 * whole-text redaction would not, so it becomes `{"redacted": "[REDACTED:…]"}`.
 */
function redactedText(
  text: string,
  decided: readonly DecidedFinding[],
  field: SubjectPath['field'],
): string {
  if (field === 'arguments') {
    const whole = decided.find(
      (entry) => entry.action === 'redact' && entry.finding.span === undefined,
    );
    if (whole !== undefined)
      return JSON.stringify({ redacted: redactionLabel(whole.finding.type) });
  }
  return applyRedactions(text, decided);
}

function replaceInMessage(
  message: ChatMessage,
  part: number,
  inner: number,
  text: string,
): ChatMessage {
  switch (message.role) {
    case 'system':
      return { ...message, content: replaceAt(message.content, part, (old) => ({ ...old, text })) };
    case 'user':
      return {
        ...message,
        content: replaceAt(message.content, part, (old): TextPart | ImagePart =>
          old.type === 'text' ? { ...old, text } : old,
        ),
      };
    case 'assistant':
      return {
        ...message,
        content: replaceAt(message.content, part, (old): AssistantMessage['content'][number] =>
          old.type === 'text' ? { ...old, text } : { ...old, arguments: text },
        ),
      };
    case 'tool':
      return {
        ...message,
        content: replaceAt(message.content, part, (old): ToolResultPart => ({
          ...old,
          content: replaceAt(old.content, inner, (block): TextPart | ImagePart =>
            block.type === 'text' ? { ...block, text } : block,
          ),
        })),
      };
  }
}

function replaceAt<T>(list: readonly T[], index: number, change: (old: T) => T): T[] {
  return list.map((entry, position) => (position === index ? change(entry) : entry));
}
