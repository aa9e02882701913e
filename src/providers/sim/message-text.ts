import type { ChatCall, ChatMessage, ImagePart, TextPart, ToolCallPart } from '../../chat/types.ts';

/**
 * The plain text of one message: its text parts (for a `tool` message, the
 * text parts of every result) joined with a newline. Images and tool calls
 * carry no text.
 */
export function messageText(message: ChatMessage): string {
  switch (message.role) {
    case 'system':
    case 'user':
    case 'assistant':
      return joinText(message.content);
    case 'tool':
      return message.content.map((result) => joinText(result.content)).join('\n');
  }
}

/** The text of every system message, in order, joined with a newline. */
export function systemText(call: ChatCall): string {
  return call.messages
    .filter((message) => message.role === 'system')
    .map(messageText)
    .join('\n');
}

function joinText(parts: readonly (TextPart | ImagePart | ToolCallPart)[]): string {
  const texts: string[] = [];
  for (const part of parts) {
    if (part.type === 'text') texts.push(part.text);
  }
  return texts.join('\n');
}
