/**
 * Content blocks of a Messages request → canonical parts
 * (https://docs.anthropic.com/en/api/messages#body-messages-content).
 * `cache_control` is carried (see `parse-cache-control.ts`); `citations` are
 * accepted and not carried: the canonical model has no place for them.
 */
import type { ImagePart, TextPart, ToolCallPart, ToolResultPart } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import type { JsonObject } from '../shared/json-value.ts';
import { withCacheControl } from './parse-cache-control.ts';
import { invalid, readOptionalBoolean, readString } from './request-checks.ts';

/** Longest media type, tool name or id accepted: far above real values, bounds the input. */
const MAX_SHORT_STRING = 256;

/** A content array (required), bounded by `maxPartsPerMessage`. */
export function readBlocks(
  value: unknown,
  param: string,
  limits: RequestLimits,
): readonly unknown[] {
  if (value === undefined || value === null) throw invalid(param, 'is required.');
  if (!Array.isArray(value)) {
    throw invalid(param, 'must be a string or an array of content blocks.');
  }
  const blocks: readonly unknown[] = value;
  if (blocks.length > limits.maxPartsPerMessage) {
    throw invalid(param, `must have at most ${limits.maxPartsPerMessage} blocks.`);
  }
  return blocks;
}

/** Calls `visit` with each block, which must be an object, and its dotted path. */
export function forEachBlock(
  blocks: readonly unknown[],
  param: string,
  visit: (block: JsonObject, blockParam: string) => void,
): void {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    const blockParam = `${param}.${index}`;
    if (!isRecord(block)) throw invalid(blockParam, 'must be an object.');
    visit(block, blockParam);
  }
}

/** String content (`"content": "…"`), the API's shorthand for one text block. */
export function parseStringContent(value: string, param: string, limits: RequestLimits): TextPart {
  return { type: 'text', text: readString(value, param, limits.maxStringLength) };
}

export function parseTextBlock(block: JsonObject, param: string, limits: RequestLimits): TextPart {
  const text = readString(block.text, `${param}.text`, limits.maxStringLength);
  return withCacheControl<TextPart>({ type: 'text', text }, block, param);
}

export function parseImageBlock(
  block: JsonObject,
  param: string,
  limits: RequestLimits,
): ImagePart {
  const source = block.source;
  const sourceParam = `${param}.source`;
  if (!isRecord(source)) throw invalid(sourceParam, 'must be an object.');
  let part: ImagePart;
  switch (source.type) {
    case 'base64': {
      const mediaType = readString(
        source.media_type,
        `${sourceParam}.media_type`,
        MAX_SHORT_STRING,
        1,
      );
      // Image data is bounded by the request body limit, not maxStringLength:
      // Anthropic accepts images of up to 5 MB (about 7 M base64 characters).
      const data = readString(source.data, `${sourceParam}.data`, Number.MAX_SAFE_INTEGER, 1);
      part = { type: 'image', source: { kind: 'base64', mediaType, data } };
      break;
    }
    case 'url': {
      const url = readString(source.url, `${sourceParam}.url`, limits.maxStringLength, 1);
      part = { type: 'image', source: { kind: 'url', url } };
      break;
    }
    default:
      throw invalid(
        `${sourceParam}.type`,
        'must be "base64" or "url" (file sources are not supported by this gateway).',
      );
  }
  return withCacheControl(part, block, param);
}

export function parseToolUseBlock(
  block: JsonObject,
  param: string,
  limits: RequestLimits,
): ToolCallPart {
  const id = readString(block.id, `${param}.id`, MAX_SHORT_STRING, 1);
  const name = readString(block.name, `${param}.name`, MAX_SHORT_STRING, 1);
  if (!isRecord(block.input)) throw invalid(`${param}.input`, 'must be an object.');
  const text = JSON.stringify(block.input);
  if (text.length > limits.maxStringLength) {
    throw invalid(
      `${param}.input`,
      `must be at most ${limits.maxStringLength} characters as JSON.`,
    );
  }
  return withCacheControl<ToolCallPart>(
    { type: 'tool-call', id, name, arguments: text },
    block,
    param,
  );
}

export function parseToolResultBlock(
  block: JsonObject,
  param: string,
  limits: RequestLimits,
): ToolResultPart {
  const toolCallId = readString(block.tool_use_id, `${param}.tool_use_id`, MAX_SHORT_STRING, 1);
  const content = parseToolResultContent(block.content, `${param}.content`, limits);
  const isError = readOptionalBoolean(block.is_error, `${param}.is_error`);
  const part: ToolResultPart =
    isError === undefined
      ? { type: 'tool-result', toolCallId, content }
      : { type: 'tool-result', toolCallId, content, isError };
  return withCacheControl(part, block, param);
}

/** Optional: a tool result may carry no content at all. */
function parseToolResultContent(
  value: unknown,
  param: string,
  limits: RequestLimits,
): readonly (TextPart | ImagePart)[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [parseStringContent(value, param, limits)];
  const parts: (TextPart | ImagePart)[] = [];
  forEachBlock(readBlocks(value, param, limits), param, (block, blockParam) => {
    switch (block.type) {
      case 'text':
        parts.push(parseTextBlock(block, blockParam, limits));
        break;
      case 'image':
        parts.push(parseImageBlock(block, blockParam, limits));
        break;
      default:
        throw invalid(
          `${blockParam}.type`,
          'must be "text" or "image" (other tool result blocks are not supported by this gateway).',
        );
    }
  });
  return parts;
}
