import type { ChatStreamPart, Usage } from '../../chat/types.ts';
import type { SimAnswer } from './sim-answer.ts';
import { splitText } from './split-text.ts';

/** Text and tool arguments are each streamed in (at most) this many deltas. */
export const STREAM_PIECES = 4;

export interface StreamHeader {
  readonly id: string;
  readonly model: string;
  readonly usage: Usage;
}

/**
 * Streams an answer as canonical parts: `start` (with the input tokens, as
 * Anthropic reports them up front), the text in a few `text-delta`s, each
 * tool call as `tool-call-start` plus a few `tool-call-delta`s, then
 * `finish` with the full usage. Between parts it yields to the event loop,
 * so consumers see a real asynchronous stream, and checks `signal`: once
 * aborted, the iterator throws the signal's reason (as `fetch` does) and
 * produces nothing more.
 */
export async function* streamAnswer(
  answer: SimAnswer,
  header: StreamHeader,
  signal: AbortSignal,
): AsyncGenerator<ChatStreamPart, void, undefined> {
  yield {
    type: 'start',
    id: header.id,
    model: header.model,
    usage: { inputTokens: header.usage.inputTokens, outputTokens: 0 },
  };
  let toolIndex = 0;
  for (const part of answer.content) {
    if (part.type === 'text') {
      for (const text of splitText(part.text, STREAM_PIECES)) {
        await nextTurn(signal);
        yield { type: 'text-delta', text };
      }
      continue;
    }
    const index = toolIndex;
    toolIndex += 1;
    await nextTurn(signal);
    yield { type: 'tool-call-start', index, id: part.id, name: part.name };
    for (const argumentsDelta of splitText(part.arguments, STREAM_PIECES)) {
      await nextTurn(signal);
      yield { type: 'tool-call-delta', index, argumentsDelta };
    }
  }
  await nextTurn(signal);
  yield { type: 'finish', finishReason: answer.finishReason, usage: header.usage };
}

/** Lets I/O and timers run (a macrotask, not just a microtask), then honours an abort. */
export async function nextTurn(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
  signal.throwIfAborted();
}
