import { describe, expect, it } from 'vitest';
import { MAX_PROVIDER_MESSAGE_LENGTH, scrubProviderMessage } from './scrub-message.ts';

describe('scrubProviderMessage', () => {
  it('keeps an ordinary explanation unchanged', () => {
    expect(scrubProviderMessage("This model's maximum context length is 128000 tokens.")).toBe(
      "This model's maximum context length is 128000 tokens.",
    );
  });

  it('redacts sk- keys of either provider and long base64 or hex runs', () => {
    expect(
      scrubProviderMessage(
        'Key sk-proj-AbCdEfGhIjKlMnOpQrSt was used with token 0123456789abcdef0123456789abcdef01 here.',
      ),
    ).toBe('Key [redacted] was used with token [redacted] here.');
    expect(
      scrubProviderMessage(
        'key sk-ant-api03-AbCdEf_123 blob QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789 end',
      ),
    ).toBe('key [redacted] blob [redacted] end');
  });

  it('redacts long base64url runs but keeps model names and words containing sk-', () => {
    expect(
      scrubProviderMessage(`token ${'Ab_-'.repeat(10)} model claude-sonnet-4-5-20250929`),
    ).toBe('token [redacted] model claude-sonnet-4-5-20250929');
    expect(scrubProviderMessage('a task-oriented risk-assessment')).toBe(
      'a task-oriented risk-assessment',
    );
  });

  it('turns control characters into spaces so the text cannot forge log lines', () => {
    const scrubbed = scrubProviderMessage('line1\r\nline2\u0085line3\u0007');
    expect(scrubbed).toBe('line1 line2 line3');
  });

  it('caps the message with an ellipsis', () => {
    const scrubbed = scrubProviderMessage(`start ${'word '.repeat(200)}`);
    expect(scrubbed).toHaveLength(MAX_PROVIDER_MESSAGE_LENGTH);
    expect(scrubbed.startsWith('start word')).toBe(true);
    expect(scrubbed.endsWith('…')).toBe(true);
  });

  it('stays fast on hostile input', () => {
    const started = performance.now();
    scrubProviderMessage('a'.repeat(31).concat('!').repeat(5000));
    scrubProviderMessage('a_'.repeat(19).concat('!').repeat(5000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});
