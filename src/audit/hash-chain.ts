/**
 * The audit hash chain: what each entry's hash covers and how it is computed.
 *
 * `hash = SHA-256(prevHash + "\n" + canonicalJson(content))`, hex, where
 * content is `{seq, ts, type, requestId, keyId, alias, outcome, data}` with
 * absent fields left out. The first entry links to {@link GENESIS_HASH}.
 * Because `seq` is inside the hashed content, an entry moved to another
 * position no longer hashes correctly there; because `prevHash` is hashed
 * too, an entry cannot be removed or reordered without breaking the next
 * entry's link. The chain has no secret key: anyone who can write the
 * database can recompute it end to end, which is why the head is anchored
 * (see `audit-head.ts`).
 */
import { hash } from 'node:crypto';

import { canonicalJson } from './canonical-json.ts';

/** The `prevHash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of an entry, with `data` already in canonical JSON (as stored). */
export interface ChainContent {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
  readonly requestId: string | undefined;
  readonly keyId: string | undefined;
  readonly alias: string | undefined;
  readonly outcome: string | undefined;
  /** `canonicalJson(data)`; stored verbatim, so verification needs no parsing. */
  readonly dataJson: string;
}

/** One stored entry as verification reads it. */
export interface ChainRow extends ChainContent {
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The content's canonical JSON, written out directly: the keys in sorted
 * order are alias, data, keyId, outcome, requestId, seq, ts, type. Equal to
 * `canonicalJson({...content, data: JSON.parse(dataJson)})` (a test checks
 * it) but without re-serialising `data` on every append and verification.
 */
export function chainContentJson(content: ChainContent): string {
  let out = '{';
  if (content.alias !== undefined) out += '"alias":' + JSON.stringify(content.alias) + ',';
  out += '"data":' + content.dataJson;
  if (content.keyId !== undefined) out += ',"keyId":' + JSON.stringify(content.keyId);
  if (content.outcome !== undefined) out += ',"outcome":' + JSON.stringify(content.outcome);
  if (content.requestId !== undefined) out += ',"requestId":' + JSON.stringify(content.requestId);
  out += ',"seq":' + canonicalJson(content.seq);
  out += ',"ts":' + canonicalJson(content.ts);
  return out + ',"type":' + JSON.stringify(content.type) + '}';
}

/** The entry hash: SHA-256 hex of `prevHash`, a newline and the canonical content. */
export function chainHash(prevHash: string, content: ChainContent): string {
  // One-shot `hash()` (Node ≥ 20.12): no Hash object per entry, same digest
  // (two entries per request, so this is on the hot path; docs/BENCHMARKS.md).
  return hash('sha256', prevHash + '\n' + chainContentJson(content), 'hex');
}
