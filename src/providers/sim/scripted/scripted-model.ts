import type { ChatCall, TextPart, ToolCallPart } from '../../../chat/types.ts';
import { shortHash } from '../content-hash.ts';
import type { SimAnswer } from '../sim-answer.ts';
import { readScript } from './read-script.ts';
import { CANONICAL_FINISH_REASON } from './script-schema.ts';
import type { ScriptAnswer } from './script-schema.ts';
import { simulatedError } from './simulated-error.ts';

/**
 * `sim/scripted`: replays a response the caller supplies (see
 * `read-script.ts` for where). A turn-indexed script answers turn N (the
 * number of assistant messages already in the conversation) with step N,
 * and with its last step beyond the end. An `error` step throws the
 * GatewayError a real upstream failure would become.
 */
export function answerScripted(
  call: ChatCall,
  callerHeaders: Readonly<Record<string, string | undefined>>,
): SimAnswer {
  const script = readScript(call, callerHeaders);
  const turn = call.messages.filter((message) => message.role === 'assistant').length;
  // parseScript never returns an empty script.
  const step = script[Math.min(turn, script.length - 1)] ?? {};
  if ('error' in step) throw simulatedError(step);
  return fromScript(step, turn);
}

function fromScript(step: ScriptAnswer, turn: number): SimAnswer {
  const toolCalls: ToolCallPart[] = (step.tool_calls ?? []).map((call, index) => {
    const toolArguments =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    const id =
      call.id ?? `call_sim_${shortHash([String(turn), String(index), call.name, toolArguments])}`;
    return { type: 'tool-call', id, name: call.name, arguments: toolArguments };
  });
  const text = step.text ?? '';
  const textParts: TextPart[] =
    text !== '' || toolCalls.length === 0 ? [{ type: 'text', text }] : [];
  const finishReason =
    step.finish_reason === undefined
      ? toolCalls.length > 0
        ? 'tool-calls'
        : 'stop'
      : CANONICAL_FINISH_REASON[step.finish_reason];
  const content = [...textParts, ...toolCalls];
  return step.usage === undefined
    ? { content, finishReason }
    : {
        content,
        finishReason,
        usage: { inputTokens: step.usage.input_tokens, outputTokens: step.usage.output_tokens },
      };
}
