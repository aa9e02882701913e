/**
 * Builders for the sim models' tests: a minimal canonical call, a sim
 * target and an attempt context, and a helper that drains a stream.
 */
import type { ChatCall, ChatMessage, ChatStreamPart, ToolDefinition } from '../../chat/types.ts';
import type { AttemptContext, Target } from '../types.ts';

export function chatCall(
  messages: readonly ChatMessage[],
  extra: Partial<ChatCall> = {},
): ChatCall {
  return {
    dialect: 'openai',
    model: 'demo',
    messages,
    tools: [],
    stop: [],
    stream: false,
    includeUsage: false,
    passthrough: {},
    ...extra,
  };
}

export function user(text: string): ChatMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export function system(text: string): ChatMessage {
  return { role: 'system', content: [{ type: 'text', text }] };
}

export function assistantText(text: string): ChatMessage {
  return { role: 'assistant', content: [{ type: 'text', text }] };
}

export function assistantCall(id: string, name: string, toolArguments: string): ChatMessage {
  return {
    role: 'assistant',
    content: [{ type: 'tool-call', id, name, arguments: toolArguments }],
  };
}

export function toolResult(toolCallId: string, text: string): ChatMessage {
  return {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId, content: [{ type: 'text', text }] }],
  };
}

export function tool(name: string, required: readonly string[] = []): ToolDefinition {
  return {
    name,
    description: `The ${name} tool.`,
    parameters: { type: 'object', properties: {}, required },
  };
}

export function simTarget(model: string): Target {
  return {
    id: `sim/${model}`,
    provider: { name: 'sim', kind: 'sim', baseUrl: '', headers: {}, connections: 1 },
    model,
    timeoutMs: 10_000,
    defaultMaxTokens: 1024,
    regions: {},
  };
}

export function attemptContext(
  callerHeaders: Readonly<Record<string, string | undefined>> = {},
  signal: AbortSignal = new AbortController().signal,
): AttemptContext {
  return { signal, callerHeaders };
}

export async function collect(iterator: AsyncIterator<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return parts;
    parts.push(next.value);
  }
}

/** The text and tool calls a stream adds up to. */
export function assemble(parts: readonly ChatStreamPart[]): {
  readonly text: string;
  readonly toolCalls: readonly {
    readonly id: string;
    readonly name: string;
    readonly arguments: string;
  }[];
} {
  let text = '';
  const toolCalls: { id: string; name: string; arguments: string }[] = [];
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'tool-call-start')
      toolCalls[part.index] = { id: part.id, name: part.name, arguments: '' };
    else if (part.type === 'tool-call-delta') {
      const call = toolCalls[part.index];
      if (call !== undefined) call.arguments += part.argumentsDelta;
    }
  }
  return { text, toolCalls };
}
