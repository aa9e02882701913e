import type { IncomingHttpHeaders } from 'node:http';
import type { Dialect } from '../chat/types.ts';

/**
 * The dialect of a request that does not say it by its path (e.g.
 * `GET /v1/models`): Anthropic clients always send `anthropic-version`.
 */
export function dialectOf(headers: IncomingHttpHeaders): Dialect {
  return headers['anthropic-version'] === undefined ? 'openai' : 'anthropic';
}
