/**
 * The PII detector: emails, phone numbers, payment cards, IBANs, US SSNs,
 * IP addresses and UK National Insurance numbers, in the original text and
 * in decoded views (spans then cover the encoded run). Validated matches
 * (Luhn, mod-97) score 1; the rest score by how distinctive the format is.
 * docs/guards-dlp.md lists every rule.
 */
import type { Detector, Finding, Subject } from '../../types.ts';
import { decodedViewsOf, toOriginalSpan } from '../../normalize/view-spans.ts';
import { scanCards } from './card.ts';
import { digitProfile } from './digit-profile.ts';
import { scanEmails } from './email.ts';
import { scanIbans } from './iban.ts';
import { scanIpAddresses } from './ip-address.ts';
import { PHONE_LOCALES, scanPhones } from './phone.ts';
import type { PiiMatch } from './pii-match.ts';
import { scanSsns } from './ssn.ts';
import { scanUkNinos } from './uk-nino.ts';

/** Every PII type the detector reports; the default of `types`. */
export const PII_TYPES: readonly string[] = [
  'email',
  'phone',
  'card',
  'iban',
  'ssn',
  'ip_address',
  'national_id',
];

export { PHONE_LOCALES } from './phone.ts';

export interface PiiDetectorOptions {
  /**
   * Locales whose national formats count (phone numbers; `gb` also enables
   * UK National Insurance numbers). Default `['us', 'gb', 'de', 'fr', 'in']`;
   * `+` international phone numbers are recognised regardless.
   */
  readonly locales?: readonly string[];
  /** PII types to report (see {@link PII_TYPES}); default all. */
  readonly types?: readonly string[];
}

/** Creates the `pii` detector. */
export function createPiiDetector(options: PiiDetectorOptions = {}): Detector {
  const locales = (options.locales ?? PHONE_LOCALES).map((locale) => locale.toLowerCase());
  const types = new Set(options.types ?? PII_TYPES);
  const scan = (text: string): PiiMatch[] => scanText(text, locales, types);
  return {
    id: 'pii',
    detect(subject: Subject): readonly Finding[] {
      try {
        return detectPii(subject.text, scan);
      } catch {
        // Detectors must not throw (types.ts).
        return [];
      }
    },
  };
}

function scanText(
  text: string,
  locales: readonly string[],
  types: ReadonlySet<string>,
): PiiMatch[] {
  const found: PiiMatch[] = [];
  if (types.has('email')) found.push(...scanEmails(text));
  // Each scanner needs a minimum number of digits in one cluster: cards 13,
  // SSNs 9 and phones 8 (the E.164 minimum), IBANs and NINOs more than 4.
  const profile = digitProfile(text);
  if (!profile.digits4 && !profile.hexColons) return found;
  if (types.has('card') && profile.digits13) found.push(...scanCards(text));
  if (types.has('iban') && profile.digits4) found.push(...scanIbans(text));
  if (types.has('ssn') && profile.digits8) found.push(...scanSsns(text));
  if (types.has('phone') && profile.digits8) {
    found.push(...withoutOverlaps(scanPhones(text, locales), found));
  }
  if (types.has('ip_address') && (profile.dottedQuad || profile.hexColons)) {
    found.push(...scanIpAddresses(text, profile.dottedQuad, profile.hexColons));
  }
  if (types.has('national_id') && profile.digits4 && locales.includes('gb')) {
    found.push(...scanUkNinos(text));
  }
  return found;
}

/** Digit runs that are cards, IBANs or SSNs are not also phones. */
function withoutOverlaps(candidates: readonly PiiMatch[], taken: readonly PiiMatch[]): PiiMatch[] {
  return candidates.filter(
    (candidate) =>
      !taken.some((other) => other.start < candidate.end && candidate.start < other.end),
  );
}

function detectPii(text: string, scan: (text: string) => PiiMatch[]): Finding[] {
  const findings: Finding[] = scan(text).map((match) => toFinding(match, 'original', match));
  for (const view of decodedViewsOf(text)) {
    for (const match of scan(view.text)) {
      const span = toOriginalSpan(view, match.start, match.end);
      findings.push(toFinding(match, view.name, span));
    }
  }
  return findings;
}

function toFinding(
  match: PiiMatch,
  view: string,
  span: { readonly start: number; readonly end: number } | undefined,
): Finding {
  const base = {
    detector: 'pii',
    rule: match.rule,
    type: match.type,
    score: match.score,
    view,
    reason: view === 'original' ? match.reason : `${match.reason} (in ${view} view)`,
  };
  return span === undefined ? base : { ...base, span: { start: span.start, end: span.end } };
}
