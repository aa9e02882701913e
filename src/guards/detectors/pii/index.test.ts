import { describe, expect, it } from 'vitest';
import type { Finding, Subject } from '../../types.ts';
import { createPiiDetector } from './index.ts';
import { assertSpansInsideText } from '../../../../test/support/detector-spans.ts';

const subject = (text: string): Subject => ({
  surface: 'output',
  text,
  location: 'output.text',
  canaries: [],
});
const detector = createPiiDetector();
const detect = (text: string): readonly Finding[] => detector.detect(subject(text));
const typed = (text: string, minimum = 0.5): string[] =>
  detect(text)
    .filter((finding) => finding.score >= minimum)
    .map((finding) => `${finding.type}:${text.slice(finding.span?.start, finding.span?.end)}`);

describe('pii detector', () => {
  it('finds email addresses but not asset names, package versions or reserved domains', () => {
    expect(
      typed(
        'Write to maria.chen@acme-corp.io or see logo@2x.png, lodash@4.17.21, user@example.com',
      ),
    ).toEqual(['email:maria.chen@acme-corp.io']);
  });

  it('does not read URL credentials as an email address', () => {
    expect(typed('redis://:hunter2@cache.acme.io:6379')).toEqual([]);
  });

  it('finds phone numbers in international and national formats', () => {
    expect(typed('Call (415) 555-2671, +44 20 7946 0958, 030 12345678 or 01 23 45 67 89')).toEqual([
      'phone:(415) 555-2671',
      'phone:+44 20 7946 0958',
      'phone:030 12345678',
      'phone:01 23 45 67 89',
    ]);
  });

  it('does not read dates, versions, prices or order numbers as phone numbers', () => {
    expect(
      typed(
        'On 2024-01-15 v1.2.3 cost $1,234.56; order #123-456-7890, id 5551234567, 12:30:45, 10 000 000 units',
      ),
    ).toEqual([]);
  });

  it('finds Luhn-valid card numbers with a known issuer prefix only', () => {
    expect(
      typed(
        'Visa 4111 1111 1111 1111, Amex 3782-822463-10005, bad 4111 1111 1111 1112, 1234567812345670',
      ),
    ).toEqual(['card:4111 1111 1111 1111', 'card:3782-822463-10005']);
  });

  it('finds mod-97-valid IBANs and stops at the country length', () => {
    expect(typed('IBAN DE89 3704 0044 0532 0130 00 EUR; bad DE88 3704 0044 0532 0130 00')).toEqual([
      'iban:DE89 3704 0044 0532 0130 00',
    ]);
  });

  it('finds dashed SSNs in valid ranges and bare ones only after a context word', () => {
    expect(
      typed('SSN 123-45-6789, 666-12-3456, 000-12-3456, order 123456789; ssn: 123456789'),
    ).toEqual(['ssn:123-45-6789', 'ssn:123456789']);
  });

  it('scores public IP addresses high and skips loopback, documentation and version strings', () => {
    expect(
      typed(
        'from 81.2.69.160 and 2a00:1450:4001:81c::200e; not 127.0.0.1, 192.0.2.10, 2001:db8::1, Chrome/120.0.0.0, version 10.2.3.4',
      ),
    ).toEqual(['ip_address:81.2.69.160', 'ip_address:2a00:1450:4001:81c::200e']);
    expect(detect('lab host 192.168.1.20').map((finding) => finding.score)).toEqual([0.4]);
  });

  it('does not read times, MAC addresses or C++ scopes as IPv6', () => {
    expect(typed('at 10:30:45, MAC 00:1a:2b:3c:4d:5e, std::vector, a::b')).toEqual([]);
  });

  it('finds UK National Insurance numbers when gb is a locale', () => {
    expect(typed('NINO AB 12 34 56 C')).toEqual(['national_id:AB 12 34 56 C']);
    const us = createPiiDetector({ locales: ['us'] });
    expect(us.detect(subject('NINO AB 12 34 56 C'))).toEqual([]);
  });

  it('reports only the configured types', () => {
    const emailsOnly = createPiiDetector({ types: ['email'] });
    expect(
      emailsOnly
        .detect(subject('maria@acme.io 4111 1111 1111 1111'))
        .map((finding) => finding.type),
    ).toEqual(['email']);
  });

  it('finds PII in a base64-encoded run', () => {
    const encoded = Buffer.from('contact: maria.chen@acme-corp.io please').toString('base64');
    expect(detect(`data ${encoded}`).some((finding) => finding.view.startsWith('decoded:'))).toBe(
      true,
    );
  });

  it('never throws and reports spans inside the text on arbitrary input', () => {
    const fuzzed = createPiiDetector();
    assertSpansInsideText(fuzzed, [
      '@',
      'a',
      '.',
      '4',
      '1',
      ' ',
      '-',
      '(',
      ')',
      '+',
      ':',
      'DE89',
      'ssn ',
      'AB',
      '\n',
      '２',
    ]);
  });
});
