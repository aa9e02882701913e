import { describe, expect, it } from 'vitest';
import { toAnthropicToolUseId } from './tool-use-id.ts';

const VALID = /^[a-zA-Z0-9_-]+$/;

describe('toAnthropicToolUseId', () => {
  it('passes valid ids through unchanged', () => {
    expect(toAnthropicToolUseId('call_abc-123')).toBe('call_abc-123');
    expect(toAnthropicToolUseId('toolu_01A')).toBe('toolu_01A');
  });

  it('makes invalid ids valid, deterministically', () => {
    const id = 'functions.get_weather:0';
    const sanitized = toAnthropicToolUseId(id);
    expect(sanitized).toMatch(VALID);
    expect(sanitized.startsWith('functions_get_weather_0_')).toBe(true);
    expect(toAnthropicToolUseId(id)).toBe(sanitized);
  });

  it('keeps ids that differ only in invalid characters distinct', () => {
    expect(toAnthropicToolUseId('a.b')).not.toBe(toAnthropicToolUseId('a:b'));
  });

  it('gives the empty id a valid name', () => {
    expect(toAnthropicToolUseId('')).toMatch(VALID);
  });
});
