import { describe, expect, it } from 'vitest';
import { MappedTextBuilder } from './mapped-text.ts';

describe('MappedTextBuilder.copyRange', () => {
  it('copies a range with its own offsets', () => {
    const builder = new MappedTextBuilder(4);
    builder.push(0x5b, 0);
    builder.copyRange('hello world', 6, 11);
    const { text, map } = builder.finish(11);
    expect(text).toBe('[world');
    expect(Array.from(map)).toEqual([0, 6, 7, 8, 9, 10, 11]);
  });

  it('takes the offsets from a map when given one, growing as needed', () => {
    const source = 'abcdefghijklmnopqrstuvwxyz';
    const map = Int32Array.from({ length: source.length + 1 }, (_, index) => 100 + 2 * index);
    const builder = new MappedTextBuilder(1);
    builder.copyRange(source, 2, 20, map);
    builder.copyRange(source, 20, 20, map);
    const result = builder.finish(999);
    expect(result.text).toBe(source.slice(2, 20));
    expect(Array.from(result.map)).toEqual([...Array.from(map.subarray(2, 20)), 999]);
  });
});
