/**
 * IP addresses. Reported with score 0.9 when public; private and link-local
 * addresses (RFC 1918, RFC 3927, RFC 4193, RFC 4291 fe80::/10) get 0.4 (an
 * internal address says something about the network, not about a person);
 * loopback, unspecified, documentation (RFC 5737, RFC 3849), multicast and
 * reserved ranges are not reported. Dotted quads right after a version
 * word or a product name (`Chrome/120.0.0.0`, `version 1.2.3.4`) are
 * versions; quads of single digits get 0.3 for the same reason.
 */
import { isIPv6 } from 'node:net';
import { collect, type PiiMatch } from './pii-match.ts';

const IPV4 =
  /(?<![\w.-])(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}(?![\w]|\.[0-9])/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;
const VERSION_CONTEXT = /(?:version|ver\.?|release|build|v|[A-Za-z]\/)[ :=]{0,2}$/i;

function ipv4Score(octets: readonly number[]): number {
  const [a = 0, b = 0] = octets;
  if (a === 0 || a === 127 || a >= 224) return 0;
  if (
    (a === 192 && b === 0) ||
    (a === 198 && (b === 51 || b === 18 || b === 19)) ||
    (a === 203 && b === 0)
  ) {
    // 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 198.18/15 (RFC 2544), 192.0.0/24.
    return 0;
  }
  if (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  ) {
    return 0.4;
  }
  if (a === 100 && b >= 64 && b <= 127) return 0.4; // RFC 6598 carrier-grade NAT
  if (octets.every((octet) => octet < 10)) return 0.3;
  return 0.9;
}

function ipv6Score(address: string): number {
  if (!isIPv6(address)) return 0;
  const groups = address.split(':').filter((group) => group.length > 0);
  if (!address.includes('::') && groups.length !== 8) return 0;
  // `a::b`, `std::`: needs two groups and one of three or more hex digits.
  if (groups.length < 2 || !groups.some((group) => group.length >= 3)) return 0;
  const first = Number.parseInt(groups[0] ?? '0', 16);
  const lower = address.toLowerCase();
  if (lower.startsWith('2001:db8:') || lower.startsWith('2001:0db8:')) return 0; // RFC 3849
  if (first >= 0xff00) return 0; // multicast
  if ((first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00) return 0.4;
  if (address.startsWith('::')) return 0; // loopback, unspecified, mapped
  return 0.9;
}

/** `ipv4` / `ipv6` let a caller that already knows skip a pass. */
export function scanIpAddresses(text: string, ipv4 = true, ipv6 = true): PiiMatch[] {
  const found =
    ipv4 && text.includes('.')
      ? collect(IPV4, text, (match) => {
          const before = text.slice(Math.max(0, match.index - 12), match.index);
          if (VERSION_CONTEXT.test(before)) return undefined;
          const score = ipv4Score(match[0].split('.').map(Number));
          return score === 0
            ? undefined
            : {
                rule: 'ipv4',
                type: 'ip_address',
                start: match.index,
                end: match.index + match[0].length,
                score,
                reason: 'an IPv4 address',
              };
        })
      : [];
  if (!ipv6 || !text.includes(':')) return found;
  return found.concat(
    collect(IPV6, text, (match) => {
      const score = ipv6Score(match[0]);
      return score === 0
        ? undefined
        : {
            rule: 'ipv6',
            type: 'ip_address',
            start: match.index,
            end: match.index + match[0].length,
            score,
            reason: 'an IPv6 address',
          };
    }),
  );
}
