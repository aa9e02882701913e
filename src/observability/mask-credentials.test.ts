import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, maskCredentials, sanitizeText, truncateForLog } from './mask-credentials.ts';

interface SecretFixture {
  readonly label: string;
  readonly text: string;
  readonly fragment: string;
}

const SECRET_FIXTURES = (
  JSON.parse(readFileSync(new URL('__fixtures__/secrets.json', import.meta.url), 'utf8')) as {
    readonly secrets: readonly SecretFixture[];
  }
).secrets;

describe('maskCredentials', () => {
  for (const fixture of SECRET_FIXTURES) {
    it(`masks a ${fixture.label} inside free text`, () => {
      const masked = maskCredentials(`before ${fixture.text} after`);
      expect(masked).not.toContain(fixture.fragment);
      expect(masked).toContain(MASK);
      expect(masked.startsWith('before ')).toBe(true);
    });
  }

  it('keeps the auth scheme and header name so the line stays readable', () => {
    expect(maskCredentials('Authorization: Bearer abcdefgh1234')).toBe(`Authorization: ${MASK}`);
    expect(maskCredentials('got Bearer abcdefgh1234 here')).toBe(`got Bearer ${MASK} here`);
    expect(maskCredentials('https://u:p4ss@host/path')).toBe(`https://u:${MASK}@host/path`);
  });

  it('leaves ids, digests, model names and prose alone', () => {
    const safe = [
      '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'claude-3-5-sonnet-20241022',
      'meta-llama/Meta-Llama-3.1-70B-Instruct',
      'mistralai/Mixtral-8x22B-Instruct-v0.1',
      'upstream returned 429 after 3 attempts on target openai-primary',
      'request_id_for_the_very_long_snake_case_identifier',
      'the skeleton key is in the desk',
    ];
    for (const text of safe) expect(maskCredentials(text)).toBe(text);
  });

  it('masks any credential embedded in random surrounding text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SECRET_FIXTURES),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (fixture, before, after) => {
          const masked = maskCredentials(`${before} ${fixture.text} ${after}`);
          return !masked.includes(fixture.fragment);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays linear on adversarial input', () => {
    const adversarial = [
      'Bearer '.repeat(20_000),
      'a'.repeat(200_000),
      'aB1'.repeat(10) + '!'.repeat(1) + 'x'.repeat(31).concat(' ').repeat(5_000),
      '//a:'.repeat(50_000),
      'eyJ' + 'a'.repeat(100_000),
      'authorization'.repeat(10_000) + ':',
      '"api_key": "'.repeat(10_000),
      'key='.repeat(50_000),
      '-----BEGIN PRIVATE KEY-----'.repeat(5_000),
    ];
    for (const input of adversarial) {
      const started = performance.now();
      maskCredentials(input);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});

describe('truncateForLog', () => {
  it('keeps short strings unchanged', () => {
    expect(truncateForLog('short', 10)).toBe('short');
  });

  it('drops the token run the cut lands in so half a key never survives', () => {
    const text = `prefix ${'k'.repeat(30)}`;
    expect(truncateForLog(text, 20)).toBe('prefix …[truncated]');
  });

  it('bounds any string before masking', () => {
    const sanitized = sanitizeText(`${'word '.repeat(1000)}sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12`, 100);
    expect(sanitized.length).toBeLessThanOrEqual(100 + '…[truncated]'.length);
    expect(sanitized).not.toContain('Ab12Cd34');
  });
});
