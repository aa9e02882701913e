import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GatewayError, toGatewayError } from './errors.ts';

describe('error codes', () => {
  it('documents every code with its HTTP status in docs/errors.md', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(doc, code).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`));
    }
    const documented = [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('hides the message of unknown errors behind internal_error', () => {
    const error = toGatewayError(new Error('secret internal detail sk-123'));
    expect(error.code).toBe('internal_error');
    expect(error.message).not.toContain('secret');
    expect(error.status).toBe(500);
  });

  it('keeps gateway errors as they are', () => {
    const original = new GatewayError('rate_limited', 'slow down', { retryAfterSeconds: 3 });
    expect(toGatewayError(original)).toBe(original);
    expect(original.status).toBe(429);
    expect(original.retryAfterSeconds).toBe(3);
  });
});
