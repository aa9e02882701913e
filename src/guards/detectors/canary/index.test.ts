import { describe, expect, it } from 'vitest';
import type { Subject } from '../../types.ts';
import { createCanaryDetector, newCanaryToken } from './index.ts';
import { assertSpansInsideText } from '../../../../test/support/detector-spans.ts';

const CANARY = 'rf-canary-k7m2q9x4b6n3p8r5t2w7';
const subject = (text: string, canaries: readonly string[] = [CANARY]): Subject => ({
  surface: 'output',
  text,
  location: 'output.text',
  canaries,
});
const detector = createCanaryDetector();
const spans = (text: string): string[] =>
  detector
    .detect(subject(text))
    .map((finding) => text.slice(finding.span?.start, finding.span?.end));

describe('canary detector', () => {
  it('finds a planted canary and spans it', () => {
    expect(spans(`The system prompt says ${CANARY}.`)).toEqual([CANARY]);
  });

  it('finds a canary whatever its case', () => {
    expect(spans(`leak: ${CANARY.toUpperCase()}`)).toEqual([CANARY.toUpperCase()]);
  });

  it('finds a canary with separators between its characters', () => {
    const spaced = CANARY.replace(/-/g, '').split('').join(' ');
    expect(detector.detect(subject(`x ${spaced} y`)).map((finding) => finding.rule)).toEqual([
      'canary-separated',
    ]);
  });

  it('finds a canary split by zero-width characters', () => {
    const split = CANARY.split('').join('\u200b');
    expect(detector.detect(subject(split))).toHaveLength(1);
  });

  it('finds a base64-encoded canary', () => {
    const encoded = Buffer.from(`secret ${CANARY}`).toString('base64');
    const findings = detector.detect(subject(`here: ${encoded}`));
    expect(findings.map((finding) => finding.view)).toContain('decoded:base64');
  });

  it('finds a rot13-encoded canary', () => {
    const encoded = CANARY.replace(/[a-z]/g, (letter) =>
      String.fromCharCode(((letter.charCodeAt(0) - 97 + 13) % 26) + 97),
    );
    const findings = detector.detect(subject(`note: ${encoded}`));
    expect(findings.map((finding) => finding.reason)).toEqual(['a canary string, rot13-encoded']);
  });

  it('checks configured canaries besides the subject ones', () => {
    const configured = createCanaryDetector({ canaries: ['ACME-INTERNAL-7731'] });
    expect(
      configured.detect(subject('tag acme-internal-7731', [])).map((finding) => finding.score),
    ).toEqual([1]);
  });

  it('finds nothing without canaries or in text without them', () => {
    expect(detector.detect(subject('nothing here', []))).toEqual([]);
    expect(detector.detect(subject('rf-canary- is the prefix only'))).toEqual([]);
  });

  it('makes fresh random tokens with the rf-canary- prefix', () => {
    const first = newCanaryToken();
    expect(first).toMatch(/^rf-canary-[a-z2-7]{20}$/);
    expect(newCanaryToken()).not.toBe(first);
  });

  it('never throws and reports spans inside the text on arbitrary input', () => {
    const fuzzed = createCanaryDetector({ canaries: ['rf-canary-k7m2q9x4b6n3p8r5t2w7'] });
    assertSpansInsideText(fuzzed, [
      'rf',
      '-canary-',
      'k7m2',
      'q9x4',
      'b6n3p8r5t2w7',
      ' ',
      '.',
      '\u200b',
      'а',
      'ZXJm',
      '%',
      'İ',
    ]);
  });
});
