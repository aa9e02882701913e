/**
 * Message `content` in the OpenAI dialect: a string, or an array of content
 * parts (`text`, `image_url`, and `refusal` in assistant history). Audio and
 * file parts have no canonical form and are rejected with a clear message
 * rather than silently dropped.
 */
import type { ImagePart, ImageSource, TextPart } from '../../chat/types.ts';
import type { RequestLimits } from '../../chat/limits.ts';
import { isRecord } from '../shared/json-value.ts';
import { invalid, readString } from './request-checks.ts';

/** Which part types a role accepts besides `text`. */
type PartPolicy = 'text' | 'text-or-refusal' | 'text-or-image';

const DATA_URL_PREFIX = 'data:';
const BASE64_MARKER = ';base64,';
/** Longest media type looked for in a data URL (RFC 6838 caps names at 127 + 127). */
const MAX_MEDIA_TYPE_LENGTH = 255;

export function parseTextContent(
  value: unknown,
  param: string,
  limits: RequestLimits,
  policy: 'text' | 'text-or-refusal' = 'text',
): TextPart[] {
  return parseContent(value, param, limits, policy) as TextPart[];
}

export function parseUserContent(
  value: unknown,
  param: string,
  limits: RequestLimits,
): (TextPart | ImagePart)[] {
  return parseContent(value, param, limits, 'text-or-image');
}

function parseContent(
  value: unknown,
  param: string,
  limits: RequestLimits,
  policy: PartPolicy,
): (TextPart | ImagePart)[] {
  if (typeof value === 'string') {
    if (value.length > limits.maxStringLength) {
      throw invalid(param, `must be at most ${limits.maxStringLength} characters.`);
    }
    return [{ type: 'text', text: value }];
  }
  if (!Array.isArray(value)) {
    throw invalid(param, 'must be a string or an array of content parts.');
  }
  if (value.length > limits.maxPartsPerMessage) {
    throw invalid(param, `must have at most ${limits.maxPartsPerMessage} content parts.`);
  }
  const parts: (TextPart | ImagePart)[] = [];
  for (let index = 0; index < value.length; index++) {
    parts.push(parsePart(value[index], `${param}[${index}]`, limits, policy));
  }
  return parts;
}

function parsePart(
  value: unknown,
  param: string,
  limits: RequestLimits,
  policy: PartPolicy,
): TextPart | ImagePart {
  if (!isRecord(value)) throw invalid(param, 'must be a content part object.');
  const type = value.type;
  if (type === 'text') {
    return { type: 'text', text: readString(value.text, `${param}.text`, limits.maxStringLength) };
  }
  if (type === 'refusal' && policy === 'text-or-refusal') {
    // A refusal in assistant history is what the assistant said: keep it as text.
    return {
      type: 'text',
      text: readString(value.refusal, `${param}.refusal`, limits.maxStringLength),
    };
  }
  if (type === 'image_url' && policy === 'text-or-image') {
    return parseImagePart(value.image_url, `${param}.image_url`, limits);
  }
  if (type === 'input_audio' || type === 'file') {
    throw invalid(`${param}.type`, `'${type}' is not supported by the gateway.`);
  }
  const allowed =
    policy === 'text'
      ? "'text'"
      : policy === 'text-or-refusal'
        ? "'text' or 'refusal'"
        : "'text' or 'image_url'";
  throw invalid(`${param}.type`, `must be ${allowed}.`);
}

function parseImagePart(value: unknown, param: string, limits: RequestLimits): ImagePart {
  if (!isRecord(value)) throw invalid(param, 'must be an object.');
  const url = readString(value.url, `${param}.url`, limits.maxStringLength, 1);
  const detail = value.detail;
  const source = imageSource(url);
  if (detail === undefined || detail === null) return { type: 'image', source };
  if (detail !== 'auto' && detail !== 'low' && detail !== 'high') {
    throw invalid(`${param}.detail`, "must be 'auto', 'low' or 'high'.");
  }
  return { type: 'image', source, detail };
}

/**
 * `data:<media type>;base64,<data>` (RFC 2397) becomes a base64 source so it
 * can be sent to providers that take images as base64 blocks (Anthropic);
 * any other URL (including data URLs with extra parameters) stays a URL.
 * Uses `indexOf`, not a regex, on a bounded prefix.
 */
function imageSource(url: string): ImageSource {
  if (!url.startsWith(DATA_URL_PREFIX)) return { kind: 'url', url };
  const marker = url.indexOf(BASE64_MARKER, DATA_URL_PREFIX.length);
  if (marker === -1 || marker - DATA_URL_PREFIX.length > MAX_MEDIA_TYPE_LENGTH) {
    return { kind: 'url', url };
  }
  const mediaType = url.slice(DATA_URL_PREFIX.length, marker);
  if (mediaType === '' || mediaType.includes(';') || mediaType.includes(',')) {
    return { kind: 'url', url };
  }
  return { kind: 'base64', mediaType, data: url.slice(marker + BASE64_MARKER.length) };
}
