import type {
  ChatCall,
  ChatResult,
  FinishReason,
  TextPart,
  ToolCallPart,
  Usage,
} from '../../chat/types.ts';
import type { Target } from '../types.ts';
import { shortHash } from './content-hash.ts';
import { estimateUsage } from './count-tokens.ts';

/**
 * What a sim model decided to say, before it is shaped into a complete
 * result or a stream. Every sim model produces one of these, so the three
 * models share one (deterministic) encoding.
 */
export interface SimAnswer {
  readonly content: readonly (TextPart | ToolCallPart)[];
  readonly finishReason: FinishReason;
  /** Usage to report instead of the estimate (`sim/scripted` replays recorded usage). */
  readonly usage?: Usage;
}

export function textAnswer(text: string): SimAnswer {
  return { content: [{ type: 'text', text }], finishReason: 'stop' };
}

/** The reported usage: the answer's own, else the estimate from `count-tokens.ts`. */
export function answerUsage(call: ChatCall, answer: SimAnswer): Usage {
  return answer.usage ?? estimateUsage(call, answer.content);
}

/**
 * `sim-` and a hash of the model, the conversation, the tools and the
 * answer: the same request always gets the same id, different requests
 * (almost surely) different ones.
 */
export function answerId(call: ChatCall, target: Target, answer: SimAnswer): string {
  const hash = shortHash([
    target.model,
    JSON.stringify(call.messages),
    JSON.stringify(call.tools),
    JSON.stringify(answer.content),
  ]);
  return `sim-${hash}`;
}

export function toChatResult(call: ChatCall, target: Target, answer: SimAnswer): ChatResult {
  return {
    id: answerId(call, target, answer),
    model: target.model,
    content: answer.content,
    finishReason: answer.finishReason,
    usage: answerUsage(call, answer),
  };
}
