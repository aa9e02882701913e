/**
 * Reads a streamed answer from the SSE body the gateway sent, the way each
 * dialect's client assembles it: text, tool calls (arguments as streamed
 * JSON text), stop reason, usage, and whether the stream ended normally.
 * Independent of the gateway's own code, so it checks the gateway's output.
 */
import { parseSseText } from './sse-capture.ts';

type JsonObject = Readonly<Record<string, unknown>>;

/** A JSON value read as an object (`{}` when it is not one). */
function object(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null ? (value as JsonObject) : {};
}

/** The answer as a client assembles it from the events. */
export interface ReceivedAnswer {
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  stop: unknown;
  usage: { input: unknown; output: unknown };
  /** Whether the last event is the dialect's normal end (`message_stop`, `[DONE]`). */
  terminal: boolean;
}

function emptyAnswer(): ReceivedAnswer {
  return {
    text: '',
    toolCalls: [],
    stop: undefined,
    usage: { input: undefined, output: undefined },
    terminal: false,
  };
}

export function readAnthropicStream(body: string): ReceivedAnswer {
  const received = emptyAnswer();
  const tools = new Map<unknown, ReceivedAnswer['toolCalls'][number]>();
  for (const { data } of parseSseText(body)) {
    const event = object(JSON.parse(data));
    const delta = object(event.delta);
    const block = object(event.content_block);
    if (event.type === 'message_start')
      received.usage.input = object(object(event.message).usage).input_tokens;
    if (event.type === 'content_block_start' && block.type === 'tool_use') {
      const call = { id: String(block.id), name: String(block.name), arguments: '' };
      tools.set(event.index, call);
      received.toolCalls.push(call);
    }
    if (delta.type === 'text_delta') received.text += String(delta.text);
    const call = tools.get(event.index);
    if (delta.type === 'input_json_delta' && call !== undefined)
      call.arguments += String(delta.partial_json);
    if (event.type === 'message_delta') {
      received.stop = delta.stop_reason;
      // Counts here are cumulative and may restate input tokens, as the SDK reads them.
      const usage = object(event.usage);
      received.usage.output = usage.output_tokens;
      if (typeof usage.input_tokens === 'number') received.usage.input = usage.input_tokens;
    }
    received.terminal = event.type === 'message_stop';
  }
  return received;
}

export function readOpenAiStream(body: string): ReceivedAnswer {
  const received = emptyAnswer();
  const tools = new Map<unknown, ReceivedAnswer['toolCalls'][number]>();
  for (const { data } of parseSseText(body)) {
    received.terminal = data === '[DONE]';
    if (received.terminal) continue;
    const chunk = object(JSON.parse(data));
    const usage = object(chunk.usage);
    if (chunk.usage !== null && chunk.usage !== undefined) {
      received.usage = { input: usage.prompt_tokens, output: usage.completion_tokens };
    }
    const choice = object((chunk.choices as unknown[] | undefined)?.[0]);
    const delta = object(choice.delta);
    if (typeof delta.content === 'string') received.text += delta.content;
    for (const entry of (delta.tool_calls as unknown[] | undefined) ?? []) {
      const { index, id, function: called } = object(entry);
      let call = tools.get(index);
      if (call === undefined) {
        call = { id: String(id), name: String(object(called).name), arguments: '' };
        tools.set(index, call);
        received.toolCalls.push(call);
      }
      const piece = object(called).arguments;
      if (typeof piece === 'string') call.arguments += piece;
    }
    if (typeof choice.finish_reason === 'string') received.stop = choice.finish_reason;
  }
  return received;
}
