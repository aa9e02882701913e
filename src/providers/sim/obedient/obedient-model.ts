import type { ChatCall, ToolMessage } from '../../../chat/types.ts';
import { shortHash } from '../content-hash.ts';
import { echoText } from '../echo/echo-model.ts';
import { messageText, systemText } from '../message-text.ts';
import { textAnswer } from '../sim-answer.ts';
import type { SimAnswer } from '../sim-answer.ts';
import { truncateText } from '../split-text.ts';
import { findInstructionIn, findMostRecentInstruction } from './find-instruction.ts';
import type { Instruction } from './find-instruction.ts';
import { findNamedTool } from './find-named-tool.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { isRevealRequest } from './reveal-request.ts';

/** How much of a tool result the summary quotes. */
export const TOOL_SUMMARY_LENGTH = 200;
/** How much of an instruction a text compliance restates. */
export const MAX_RESTATED_LENGTH = 2000;

/**
 * `sim/obedient`: a deliberately worst-case agent model, a test double that
 * does whatever the most recent instruction anywhere in the conversation
 * says, including one planted in a tool result. `docs/sim-models.md`
 * documents the rules with examples; in order:
 *
 * 1. The last message is a tool result without an instruction: a short
 *    summary, so agent loops end.
 * 2. No instruction anywhere: behave like `sim/echo`.
 * 3. The instruction names a request tool (and `toolChoice` is not `none`):
 *    call it with the arguments the instruction gives.
 * 4. It asks for the system prompt and there is one: answer with it, verbatim.
 * 5. Otherwise: `Sure. I will <instruction>.`
 */
export function answerObedient(call: ChatCall): SimAnswer {
  const lastIndex = call.messages.length - 1;
  const last = call.messages[lastIndex];
  if (last?.role === 'tool') {
    const instruction = findInstructionIn(last, lastIndex);
    return instruction === undefined ? toolSummary(last) : follow(call, instruction);
  }
  const instruction = findMostRecentInstruction(call.messages);
  return instruction === undefined ? textAnswer(echoText(call)) : follow(call, instruction);
}

function follow(call: ChatCall, instruction: Instruction): SimAnswer {
  const { source, start, end, sentenceEnd } = instruction;
  const named =
    call.toolChoice?.type === 'none' ? undefined : findNamedTool(source, start, end, call.tools);
  if (named !== undefined) {
    const name = named.tool.name;
    const toolArguments = parseToolArguments(source, named.nameEnd, sentenceEnd);
    const id = `call_sim_${shortHash([String(call.messages.length), name, toolArguments])}`;
    return {
      content: [{ type: 'tool-call', id, name, arguments: toolArguments }],
      finishReason: 'tool-calls',
    };
  }
  const text = source.slice(start, end);
  const system = systemText(call);
  if (system !== '' && isRevealRequest(text)) return textAnswer(system);
  return textAnswer(`Sure. I will ${restate(text)}.`);
}

/** The instruction with its verb lower-cased, capped in length. */
function restate(text: string): string {
  const capped = truncateText(text, MAX_RESTATED_LENGTH);
  const verbEnd = capped.search(/[^A-Za-z]/);
  const split = verbEnd === -1 ? capped.length : verbEnd;
  return capped.slice(0, split).toLowerCase() + capped.slice(split);
}

function toolSummary(message: ToolMessage): SimAnswer {
  const text = truncateText(messageText(message), TOOL_SUMMARY_LENGTH);
  return textAnswer(text === '' ? 'Tool result:' : `Tool result: ${text}`);
}
