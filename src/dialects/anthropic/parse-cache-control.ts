/**
 * `cache_control` on a block or tool of a Messages request
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching):
 * `{"type": "ephemeral"}` with an optional `"ttl"` of `"5m"` or `"1h"`. Read
 * strictly, since it is forwarded as given to Anthropic upstreams: anything
 * else would only fail there, after the request had been admitted and routed.
 */
import type { CacheControl } from '../../chat/types.ts';
import type { JsonObject } from '../shared/json-value.ts';
import { isAbsent } from '../shared/request-checks.ts';
import { invalid, readObject } from './request-checks.ts';

const EPHEMERAL: CacheControl = Object.freeze({ type: 'ephemeral' });
const EPHEMERAL_5M: CacheControl = Object.freeze({ type: 'ephemeral', ttl: '5m' });
const EPHEMERAL_1H: CacheControl = Object.freeze({ type: 'ephemeral', ttl: '1h' });

/** `undefined` when absent or `null` (the SDK types allow `null`). */
export function readCacheControl(value: unknown, param: string): CacheControl | undefined {
  if (isAbsent(value)) return undefined;
  const object = readObject(value, param);
  for (const key in object) {
    if (key !== 'type' && key !== 'ttl') throw invalid(param, 'only "type" and "ttl" are allowed.');
  }
  if (object.type !== 'ephemeral') throw invalid(`${param}.type`, 'must be "ephemeral".');
  switch (object.ttl) {
    case undefined:
    case null:
      return EPHEMERAL;
    case '5m':
      return EPHEMERAL_5M;
    case '1h':
      return EPHEMERAL_1H;
    default:
      throw invalid(`${param}.ttl`, 'must be "5m" or "1h".');
  }
}

/** `part`, with the `cache_control` of the block it was read from when there is one. */
export function withCacheControl<Part extends { readonly cacheControl?: CacheControl }>(
  part: Part,
  block: JsonObject,
  param: string,
): Part {
  const cacheControl = readCacheControl(block.cache_control, `${param}.cache_control`);
  return cacheControl === undefined ? part : { ...part, cacheControl };
}
