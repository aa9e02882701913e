import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalJson, CanonicalJsonError, MAX_CANONICAL_DEPTH } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every level and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units as RFC 8785 requires', () => {
    // RFC 8785 §3.2.3 example ordering: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "\ufb33".
    const value = { '\ufb33': 0, '😀': 0, '€': 0, ö: 0, '\u0080': 0, '1': 0, '\r': 0 };
    expect(canonicalJson(value)).toBe('{"\\r":0,"1":0,"\u0080":0,"ö":0,"€":0,"😀":0,"\ufb33":0}');
  });

  it('writes numbers in the ECMAScript shortest form', () => {
    expect(canonicalJson([0, -0, 1e21, 1e-7, 0.1, 123.456, -5e-324, 2 ** 53])).toBe(
      '[0,0,1e+21,1e-7,0.1,123.456,-5e-324,9007199254740992]',
    );
  });

  it('escapes control characters and lone surrogates so the output is well-formed', () => {
    expect(canonicalJson('a"\\\n\u0001\ud800é')).toBe('"a\\"\\\\\\n\\u0001\\ud800é"');
  });

  it('drops undefined object members', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it.each([
    ['NaN', { a: Number.NaN }, '$.a'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1]'],
    ['a bigint', { a: { b: 1n } }, '$.a.b'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['undefined in an array', [undefined], '$[0]'],
    ['a Date', { when: new Date(0) }, '$.when'],
    ['a Map', { map: new Map() }, '$.map'],
  ])('rejects %s and says where it is', (_name, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    try {
      canonicalJson(value);
    } catch (error) {
      expect((error as CanonicalJsonError).path).toBe(path);
    }
  });

  it('rejects cycles and runaway nesting instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/nesting too deep/);
    let deep: unknown = 1;
    for (let level = 0; level < MAX_CANONICAL_DEPTH; level++) deep = [deep];
    expect(canonicalJson(deep)).toMatch(/^\[+1\]+$/);
    expect(() => canonicalJson([deep])).toThrow(CanonicalJsonError);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"z":1}');
  });

  it('is a fixed point: canonicalising parsed canonical output changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order keys were inserted in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
      { numRuns: 200 },
    );
  });
});
