/**
 * The Anthropic Messages provider: pure transforms between the canonical chat
 * model and `POST /v1/messages` (https://docs.anthropic.com/en/api/messages).
 * I/O stays in the routing layer's upstream client.
 */
import type { ProviderAdapter } from '../types.ts';
import { buildAnthropicRequest } from './build-request.ts';
import { classifyAnthropicError } from './classify-error.ts';
import { parseAnthropicResponse } from './parse-response.ts';
import { parseAnthropicStream } from './parse-stream.ts';

export const anthropicAdapter: ProviderAdapter = Object.freeze({
  kind: 'anthropic',
  dialect: 'anthropic',
  buildRequest: buildAnthropicRequest,
  parseResponse: parseAnthropicResponse,
  parseStream: parseAnthropicStream,
  classifyError: classifyAnthropicError,
});
