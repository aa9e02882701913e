import { describe, expect, it } from 'vitest';
import { BASE64_CHARS, HEX_DIGITS, endOfRun, findLongRun } from './long-runs.ts';

describe('findLongRun', () => {
  it('finds the start of the first run long enough', () => {
    const text = 'abc 0123456789abcdef0 tail';
    expect(findLongRun(text, 0, HEX_DIGITS, 16)).toBe(4);
    expect(endOfRun(text, 4 + 16, HEX_DIGITS)).toBe(21);
  });

  it('skips runs that are too short', () => {
    expect(findLongRun('deadbeef cafe 12345678', 0, HEX_DIGITS, 16)).toBe(-1);
    expect(findLongRun('deadbeef cafe 0123456789abcdef', 0, HEX_DIGITS, 16)).toBe(14);
  });

  it('starts counting at `from`', () => {
    const text = 'SGVsbG8gd29ybGQh! SGVsbG8gd29ybGQh';
    expect(findLongRun(text, 0, BASE64_CHARS, 16)).toBe(0);
    expect(findLongRun(text, 16, BASE64_CHARS, 16)).toBe(18);
  });

  it('treats non-ASCII code units as outside the class', () => {
    expect(findLongRun('aaaaaaaaéaaaaaaaa', 0, BASE64_CHARS, 16)).toBe(-1);
    expect(endOfRun('ab+/-_é', 0, BASE64_CHARS)).toBe(6);
  });
});
