import type { ChatCall, ChatMessage, TextPart, ToolCallPart, Usage } from '../../chat/types.ts';

/**
 * The sim models' token estimate: one token per four UTF-16 code units,
 * rounded up. It is not any real tokenizer; it only has to be deterministic
 * and roughly the right size, so usage accounting and budgets can be tested.
 */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

/**
 * Input characters: every message's text parts, tool calls' names and
 * argument text, tool results' text parts, and each tool definition's name,
 * description and JSON schema text. Images count nothing.
 */
export function countInputCharacters(call: ChatCall): number {
  let total = 0;
  for (const message of call.messages) total += countMessageCharacters(message);
  for (const tool of call.tools) {
    total += tool.name.length + (tool.description?.length ?? 0);
    total += JSON.stringify(tool.parameters).length;
  }
  return total;
}

/** Output characters: the answer's text plus each tool call's name and argument text. */
export function countOutputCharacters(content: readonly (TextPart | ToolCallPart)[]): number {
  let total = 0;
  for (const part of content) {
    total += part.type === 'text' ? part.text.length : part.name.length + part.arguments.length;
  }
  return total;
}

export function estimateUsage(
  call: ChatCall,
  content: readonly (TextPart | ToolCallPart)[],
): Usage {
  return {
    inputTokens: estimateTokens(countInputCharacters(call)),
    outputTokens: estimateTokens(countOutputCharacters(content)),
  };
}

function countMessageCharacters(message: ChatMessage): number {
  let total = 0;
  switch (message.role) {
    case 'system':
    case 'user':
    case 'assistant':
      for (const part of message.content) {
        if (part.type === 'text') total += part.text.length;
        else if (part.type === 'tool-call') total += part.name.length + part.arguments.length;
      }
      return total;
    case 'tool':
      for (const result of message.content) {
        for (const part of result.content) if (part.type === 'text') total += part.text.length;
      }
      return total;
  }
}
