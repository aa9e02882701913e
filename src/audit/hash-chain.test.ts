import { createHash } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatAuditHead, parseAuditHead } from './audit-head.ts';
import { canonicalJson } from './canonical-json.ts';
import { chainContentJson, chainHash, GENESIS_HASH } from './hash-chain.ts';

const optionalText = fc.option(fc.string(), { nil: undefined });

describe('the hash chain', () => {
  it('writes content exactly as canonical JSON of the whole entry would', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(),
          ts: fc.nat(),
          type: fc.string(),
          requestId: optionalText,
          keyId: optionalText,
          alias: optionalText,
          outcome: optionalText,
          data: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
        (entry) => {
          const { data, ...fields } = entry;
          expect(chainContentJson({ ...fields, dataJson: canonicalJson(data) })).toBe(
            canonicalJson(entry),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hashes the previous hash, a newline and the canonical content with SHA-256', () => {
    const content = {
      seq: 1,
      ts: 1_700_000_000_000,
      type: 'request.intent',
      requestId: 'req_1',
      keyId: undefined,
      alias: 'chat',
      outcome: undefined,
      dataJson: '{"model":"gpt"}',
    };
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}\n{"alias":"chat","data":{"model":"gpt"},"requestId":"req_1","seq":1,"ts":1700000000000,"type":"request.intent"}`,
      )
      .digest('hex');
    expect(chainHash(GENESIS_HASH, content)).toBe(expected);
    expect(chainHash('f'.repeat(64), content)).not.toBe(expected);
  });

  it('round-trips a head through the form an operator records', () => {
    const head = { seq: 42, hash: 'a'.repeat(64) };
    expect(parseAuditHead(formatAuditHead(head))).toEqual(head);
    expect(parseAuditHead('42:' + 'A'.repeat(64))).toBeUndefined();
    expect(parseAuditHead('42:abc')).toBeUndefined();
    expect(parseAuditHead('x'.repeat(10_000))).toBeUndefined();
  });
});
