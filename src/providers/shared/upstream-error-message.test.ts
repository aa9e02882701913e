import { describe, expect, it } from 'vitest';
import { upstreamErrorMessage } from './upstream-error-message.ts';

describe('upstreamErrorMessage', () => {
  it('describes each upstream failure by its code', () => {
    expect(upstreamErrorMessage('upstream_rate_limited')).toBe(
      'The upstream provider is rate limiting requests.',
    );
    expect(upstreamErrorMessage('upstream_truncated')).toBe('The upstream response ended early.');
  });

  it('falls back to a generic message for other codes', () => {
    expect(upstreamErrorMessage('upstream_error')).toBe('The upstream provider returned an error.');
  });
});
