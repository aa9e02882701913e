import type { ChatCall, ChatResult, ChatStreamPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import type { AttemptContext, ModelBackend, Target } from '../types.ts';
import { answerEcho } from './echo/echo-model.ts';
import { answerObedient } from './obedient/obedient-model.ts';
import { answerScripted } from './scripted/scripted-model.ts';
import { answerId, answerUsage, toChatResult } from './sim-answer.ts';
import type { SimAnswer } from './sim-answer.ts';
import { nextTurn, streamAnswer } from './stream-answer.ts';

/** The built-in test-double models, served by providers of kind `sim`. */
export const SIM_MODELS: readonly string[] = Object.freeze(['echo', 'obedient', 'scripted']);

export interface SimBackendOptions {
  /**
   * The gateway clock. Sim answers carry no timestamps (dialect encoders add
   * `created`), so nothing reads it yet; accepted so every backend can be
   * built the same way.
   */
  readonly clock?: () => number;
}

/**
 * The backend for `sim` providers: documented test doubles (never real
 * models) for demos and tests, dispatching on `target.model`. Answers are
 * deterministic: the same request always gets the same ids, content and
 * usage. See `docs/sim-models.md`.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- see SimBackendOptions.clock
export function createSimBackend(_options: SimBackendOptions = {}): ModelBackend {
  return {
    async complete(call: ChatCall, target: Target, context: AttemptContext): Promise<ChatResult> {
      context.signal.throwIfAborted();
      const answer = answerFor(call, target, context);
      await nextTurn(context.signal);
      return toChatResult(call, target, answer);
    },
    async stream(
      call: ChatCall,
      target: Target,
      context: AttemptContext,
    ): Promise<AsyncIterator<ChatStreamPart>> {
      context.signal.throwIfAborted();
      const answer = answerFor(call, target, context);
      // The "upstream" accepts the request on a later turn of the event loop, as a real one would.
      await nextTurn(context.signal);
      const header = {
        id: answerId(call, target, answer),
        model: target.model,
        usage: answerUsage(call, answer),
      };
      return streamAnswer(answer, header, context.signal);
    },
  };
}

function answerFor(call: ChatCall, target: Target, context: AttemptContext): SimAnswer {
  switch (target.model) {
    case 'echo':
      return answerEcho(call);
    case 'obedient':
      return answerObedient(call);
    case 'scripted':
      return answerScripted(call, context.callerHeaders);
    default:
      // Retryable so routing falls back, as it would for a withdrawn real model.
      throw new GatewayError(
        'upstream_model_unavailable',
        `The sim provider has no model "${target.model}"; it serves ${SIM_MODELS.join(', ')}.`,
        { retryable: true },
      );
  }
}
