/**
 * Canonical messages → OpenAI `messages`, whatever dialect the caller spoke.
 *
 * Compatibility first: single-text content is sent as a plain string (every
 * OpenAI-compatible server accepts that; not all accept part arrays for every
 * role), and assistant text is always a string. A canonical tool message with
 * several results becomes one `tool` message per result (API reference,
 * "Tool message"). OpenAI tool messages take text only, so an image in a tool
 * result becomes the text `[image omitted]`; the error flag of a result has
 * no OpenAI field and is dropped (the content still says what went wrong).
 */
import type {
  AssistantMessage,
  ChatMessage,
  ImagePart,
  TextPart,
  ToolMessage,
} from '../../chat/types.ts';
import type {
  OpenAiAssistantMessage,
  OpenAiImagePart,
  OpenAiMessage,
  OpenAiTextPart,
  OpenAiToolCall,
  OpenAiUserPart,
} from '../../dialects/openai/wire-types.ts';

export const IMAGE_OMITTED = '[image omitted]';

export function toOpenAiMessages(messages: readonly ChatMessage[]): OpenAiMessage[] {
  const result: OpenAiMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        result.push({ role: 'system', content: textContent(message.content) });
        break;
      case 'user': {
        const content = userContent(message.content);
        result.push(
          message.name === undefined
            ? { role: 'user', content }
            : { role: 'user', content, name: message.name },
        );
        break;
      }
      case 'assistant':
        result.push(assistantMessage(message));
        break;
      case 'tool':
        pushToolMessages(message, result);
        break;
    }
  }
  return result;
}

function textContent(parts: readonly TextPart[]): string | OpenAiTextPart[] {
  if (parts.length === 1) return (parts[0] as TextPart).text;
  if (parts.length === 0) return '';
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function userContent(parts: readonly (TextPart | ImagePart)[]): string | OpenAiUserPart[] {
  const first = parts[0];
  if (parts.length === 1 && first?.type === 'text') return first.text;
  if (parts.length === 0) return '';
  return parts.map((part) =>
    part.type === 'text' ? { type: 'text', text: part.text } : imagePart(part),
  );
}

function imagePart(part: ImagePart): OpenAiImagePart {
  const url =
    part.source.kind === 'url'
      ? part.source.url
      : `data:${part.source.mediaType};base64,${part.source.data}`;
  return {
    type: 'image_url',
    image_url: part.detail === undefined ? { url } : { url, detail: part.detail },
  };
}

function assistantMessage(message: AssistantMessage): OpenAiAssistantMessage {
  let text: string | undefined;
  let toolCalls: OpenAiToolCall[] | undefined;
  for (const part of message.content) {
    if (part.type === 'text') {
      // Several text blocks (Anthropic) read as paragraphs of one answer.
      text = text === undefined ? part.text : `${text}\n${part.text}`;
    } else {
      (toolCalls ??= []).push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.arguments },
      });
    }
  }
  if (toolCalls === undefined) return { role: 'assistant', content: text ?? '' };
  // OpenAI's own responses carry `content: null` beside tool calls.
  return { role: 'assistant', content: text ?? null, tool_calls: toolCalls };
}

function pushToolMessages(message: ToolMessage, result: OpenAiMessage[]): void {
  for (const part of message.content) {
    const texts: TextPart[] = part.content.map((item) =>
      item.type === 'text' ? item : { type: 'text', text: IMAGE_OMITTED },
    );
    result.push({ role: 'tool', tool_call_id: part.toolCallId, content: textContent(texts) });
  }
}
