/**
 * Cheap gates that tell which PII scanners can match at all, so ordinary
 * text with a few small numbers costs a few native scans, not one scanner
 * regex per type. Each is a test with a fixed-length pattern: linear.
 */

/** Digits with at most two number separators (space . - / ( ) +) between neighbours. */
const CLUSTER_4 = /[0-9](?:[ ./()+-]{0,2}[0-9]){3}/;
const CLUSTER_8 = /[0-9](?:[ ./()+-]{0,2}[0-9]){7}/;
const CLUSTER_13 = /[0-9](?:[ ./()+-]{0,2}[0-9]){12}/;
const DOTTED_QUAD = /[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]/;
const HEX_COLONS = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;

export interface DigitProfile {
  /** Four digits in one cluster: IBANs, NINOs and IPv4 need at least that. */
  readonly digits4: boolean;
  /** Eight: phones (the E.164 minimum) and SSNs. */
  readonly digits8: boolean;
  /** Thirteen: payment cards. */
  readonly digits13: boolean;
  readonly dottedQuad: boolean;
  readonly hexColons: boolean;
}

export function digitProfile(text: string): DigitProfile {
  const digits4 = CLUSTER_4.test(text);
  const digits8 = digits4 && CLUSTER_8.test(text);
  return {
    digits4,
    digits8,
    digits13: digits8 && CLUSTER_13.test(text),
    dottedQuad: digits4 && DOTTED_QUAD.test(text),
    hexColons: HEX_COLONS.test(text),
  };
}
