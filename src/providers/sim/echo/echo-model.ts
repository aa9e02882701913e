import type { ChatCall } from '../../../chat/types.ts';
import { messageText } from '../message-text.ts';
import { textAnswer } from '../sim-answer.ts';
import type { SimAnswer } from '../sim-answer.ts';

/**
 * `sim/echo`: `echo: <text of the last user message>` (its text parts joined
 * with a newline), or `echo:` when there is no user text. Finishes `stop`.
 */
export function answerEcho(call: ChatCall): SimAnswer {
  return textAnswer(echoText(call));
}

export function echoText(call: ChatCall): string {
  const lastUser = call.messages.findLast((message) => message.role === 'user');
  const text = lastUser === undefined ? '' : messageText(lastUser);
  return text === '' ? 'echo:' : `echo: ${text}`;
}
