/**
 * Valid secrets and PII of every type, with realistic formats (lengths,
 * alphabets, checksums), embedded in realistic carriers (.env lines, JSON
 * config, log lines, code, prose). Each sample records where the value is.
 */
import { BASE62, BASE64, BASE64URL, HEX, LETTERS, seededRandom, type Random } from './prng.ts';

export interface PositiveSample {
  /** The finding type expected, e.g. `openai_key`, `email`. */
  readonly type: string;
  readonly text: string;
  /** Where the value sits in `text`. */
  readonly start: number;
  readonly end: number;
}

type Generator = (random: Random) => { readonly value: string; readonly key: string };

const luhnComplete = (partial: string): string => {
  for (let check = 0; check <= 9; check++) {
    const digits = partial + String(check);
    let sum = 0;
    let double = false;
    for (let index = digits.length - 1; index >= 0; index--) {
      let value = Number(digits[index]);
      if (double) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
      sum += value;
      double = !double;
    }
    if (sum % 10 === 0) return digits;
  }
  return partial;
};

const digits = (random: Random, count: number): string => random.string('0123456789', count);

const mod97 = (value: string): number => {
  let remainder = 0;
  for (const character of value) {
    const code = character.charCodeAt(0);
    const number = code >= 65 ? code - 55 : code - 48;
    remainder = number >= 10 ? (remainder * 100 + number) % 97 : (remainder * 10 + number) % 97;
  }
  return remainder;
};

const iban = (random: Random): string => {
  const [country, length] = random.pick([
    ['DE', 22],
    ['GB', 22],
    ['FR', 27],
    ['NL', 18],
    ['ES', 24],
    ['IT', 27],
  ] as const);
  const bban =
    country === 'GB' || country === 'NL'
      ? random.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + digits(random, length - 8)
      : digits(random, length - 4);
  const check = 98 - mod97(`${bban}${country}00`);
  const compact = `${country}${String(check).padStart(2, '0')}${bban}`;
  return random.next() < 0.5 ? compact : (compact.match(/.{1,4}/g) ?? []).join(' ');
};

const card = (random: Random): string => {
  const [prefix, length] = random.pick([
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['34', 15],
    ['37', 15],
    ['6011', 16],
    ['3530', 16],
  ] as const);
  const number = luhnComplete(prefix + digits(random, length - prefix.length - 1));
  const style = random.int(0, 2);
  if (style === 0) return number;
  const separator = style === 1 ? ' ' : '-';
  return length === 15
    ? [number.slice(0, 4), number.slice(4, 10), number.slice(10)].join(separator)
    : (number.match(/.{1,4}/g) ?? []).join(separator);
};

const jwt = (random: Random): string => {
  const header = Buffer.from(
    JSON.stringify({ alg: random.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }),
  ).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      sub: digits(random, 8),
      name: random.string(LETTERS, 8),
      iat: 1700000000 + random.int(0, 9999999),
    }),
  ).toString('base64url');
  return `${header}.${payload}.${random.string(BASE64URL, 43)}`;
};

const pem = (random: Random): string => {
  const label = random.pick([
    'RSA PRIVATE KEY',
    'PRIVATE KEY',
    'EC PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
  ]);
  const lines: string[] = [];
  for (let line = 0; line < random.int(6, 20); line++) lines.push(random.string(BASE64, 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
};

const SECRET_GENERATORS: Readonly<Record<string, Generator>> = {
  openai_key: (r) => ({
    key: 'OPENAI_API_KEY',
    value: r.pick([
      `sk-proj-${r.string(BASE64URL, 74)}T3BlbkFJ${r.string(BASE64URL, 74)}`,
      `sk-${r.string(BASE62, 20)}T3BlbkFJ${r.string(BASE62, 20)}`,
      `sk-svcacct-${r.string(BASE64URL, 60)}T3BlbkFJ${r.string(BASE64URL, 60)}`,
    ]),
  }),
  anthropic_key: (r) => ({
    key: 'ANTHROPIC_API_KEY',
    value: `sk-ant-${r.pick(['api03', 'admin01'])}-${r.string(BASE64URL, 93)}AA`,
  }),
  aws_access_key: (r) => ({
    key: 'AWS_ACCESS_KEY_ID',
    value: `${r.pick(['AKIA', 'ASIA'])}${r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  }),
  aws_secret_key: (r) => ({ key: 'aws_secret_access_key', value: r.string(BASE64, 40) }),
  gcp_api_key: (r) => ({ key: 'GOOGLE_API_KEY', value: `AIza${r.string(BASE64URL, 35)}` }),
  google_oauth_token: (r) => ({ key: 'access', value: `ya29.${r.string(BASE64URL, 120)}` }),
  private_key: (r) => ({ key: 'key', value: pem(r) }),
  azure_key: (r) => ({
    key: 'AZURE_STORAGE_CONNECTION_STRING',
    value: `DefaultEndpointsProtocol=https;AccountName=acct${digits(r, 4)};AccountKey=${r.string(BASE64, 86)}==;EndpointSuffix=core.windows.net`,
  }),
  azure_client_secret: (r) => ({
    key: 'AZURE_CLIENT_SECRET',
    value: `${r.string(BASE62, 3)}${digits(r, 1)}Q~${r.string(`${BASE62}_~.-`, 34)}`,
  }),
  github_token: (r) => ({
    key: 'GITHUB_TOKEN',
    value: r.pick([
      `ghp_${r.string(BASE62, 36)}`,
      `gho_${r.string(BASE62, 36)}`,
      `ghs_${r.string(BASE62, 36)}`,
      `github_pat_${r.string(BASE62, 22)}_${r.string(BASE62, 59)}`,
    ]),
  }),
  gitlab_token: (r) => ({ key: 'GITLAB_TOKEN', value: `glpat-${r.string(BASE64URL, 20)}` }),
  slack_token: (r) => ({
    key: 'SLACK_BOT_TOKEN',
    value: `${r.pick(['xoxb', 'xoxp'])}-${digits(r, 12)}-${digits(r, 13)}-${r.string(BASE62, 24)}`,
  }),
  slack_webhook: (r) => ({
    key: 'SLACK_WEBHOOK_URL',
    value: `https://hooks.slack.com/services/T${r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${r.string(BASE62, 24)}`,
  }),
  stripe_key: (r) => ({
    key: 'STRIPE_SECRET_KEY',
    value: `${r.pick(['sk_live_', 'rk_live_', 'sk_test_'])}${r.string(BASE62, 99)}`,
  }),
  npm_token: (r) => ({ key: 'NPM_TOKEN', value: `npm_${r.string(BASE62, 36)}` }),
  huggingface_token: (r) => ({ key: 'HF_TOKEN', value: `hf_${r.string(LETTERS, 34)}` }),
  sendgrid_key: (r) => ({
    key: 'SENDGRID_API_KEY',
    value: `SG.${r.string(BASE64URL, 22)}.${r.string(BASE64URL, 43)}`,
  }),
  twilio_key: (r) => ({ key: 'TWILIO_API_KEY', value: `SK${r.string(HEX, 32)}` }),
  jwt: (r) => ({ key: 'Authorization: Bearer', value: jwt(r) }),
  db_password: (r) => ({ key: 'DATABASE_URL', value: r.string(`${BASE62}!*~`, r.int(12, 24)) }),
  generic_secret: (r) => ({
    key: r.pick(['api_key', 'API_SECRET', 'client_secret', 'auth_token', 'webhookSecret']),
    value: r.pick([r.string(HEX, 32), r.string(BASE62, 32), r.string(BASE64, 40)]),
  }),
};

const PII_GENERATORS: Readonly<Record<string, Generator>> = {
  email: (r) => ({
    key: 'email',
    value: `${r.pick(['john', 'maria', 'a.chen', 'k_oneill', 'priya.s'])}${r.pick(['', '.', '_'])}${r.string('abcdefghijklmnopqrstuvwxyz', r.int(2, 8))}${r.pick(['', digits(r, 2)])}@${r.pick(['gmail.com', 'outlook.com', 'acme-corp.io', 'mail.uni-heidelberg.de', 'yahoo.co.uk', 'proton.me'])}`,
  }),
  phone: (r) => ({
    key: 'phone',
    value: r.pick([
      `(${r.int(2, 9)}${digits(r, 2)}) ${r.int(2, 9)}${digits(r, 2)}-${digits(r, 4)}`,
      `${r.int(2, 9)}${digits(r, 2)}-${r.int(2, 9)}${digits(r, 2)}-${digits(r, 4)}`,
      `+1 ${r.int(2, 9)}${digits(r, 2)} ${r.int(2, 9)}${digits(r, 2)} ${digits(r, 4)}`,
      `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
      `07${digits(r, 3)} ${digits(r, 6)}`,
      `+49 30 ${digits(r, 8)}`,
      `030 ${digits(r, 8)}`,
      `0${r.int(1, 9)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
      `+33 6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
      `+91 ${r.int(6, 9)}${digits(r, 4)} ${digits(r, 5)}`,
    ]),
  }),
  card: (r) => ({ key: 'card', value: card(r) }),
  iban: (r) => ({ key: 'IBAN', value: iban(r) }),
  ssn: (r) => ({
    key: 'SSN',
    value:
      `${r.int(1, 665)}`.padStart(3, '0') +
      `-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`,
  }),
  ip_address: (r) => ({
    key: 'client_ip',
    value:
      r.next() < 0.7
        ? `${r.pick([23, 45, 52, 81, 104, 151, 185, 212])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
        : `2a0${r.int(0, 9)}:${r.string(HEX, 4)}:${r.string(HEX, 4)}:${r.string(HEX, 3)}::${r.string(HEX, 4)}`,
  }),
};

/** Carriers: how a value of type `type` with `key` appears in text. */
const CARRIERS: readonly ((key: string, value: string, type: string) => string)[] = [
  (key, value) => `${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}=${value}\n`,
  (key, value) => `{\n  "${key}": "${value}",\n  "region": "eu-west-1"\n}`,
  (key, value) => `2024-05-02T10:11:12.123Z INFO request completed ${key}=${value} status=200`,
  (key, value) => `const ${key.replace(/[^A-Za-z]+/g, '')} = '${value}';`,
  (key, value) =>
    `Here is the ${key} you asked for: ${value}. Let me know if anything else is needed.`,
];

const KEYWORD_TYPES: ReadonlySet<string> = new Set(['aws_secret_key', 'generic_secret']);

/** How a database password sits in a URL (its value is the password only). */
function databaseUrl(
  random: Random,
  password: string,
): { readonly text: string; readonly start: number } {
  const prefix = `${random.pick(['postgres', 'postgresql', 'mysql', 'mongodb+srv', 'redis', 'amqp'])}://${random.pick(['app', 'admin_user', 'svc'])}:`;
  const line = `DATABASE_URL=${prefix}${password}@db${random.int(1, 9)}.prod.acme.io:5432/main\n`;
  return { text: line, start: line.indexOf(password) };
}

/** `perType` samples for each secret and PII type, deterministic for a seed. */
export function positiveCorpus(perType = 200, seed = 1): readonly PositiveSample[] {
  const random = seededRandom(seed);
  const samples: PositiveSample[] = [];
  for (const [type, generate] of [
    ...Object.entries(SECRET_GENERATORS),
    ...Object.entries(PII_GENERATORS),
  ]) {
    for (let index = 0; index < perType; index++) {
      const { key, value } = generate(random);
      if (type === 'db_password') {
        const { text, start } = databaseUrl(random, value);
        samples.push({ type, text, start, end: start + value.length });
        continue;
      }
      // Keyword-anchored rules need an assignment (`key = value`, `key: value`);
      // the prose carrier, which puts words between them, is for shaped values.
      const carriers = KEYWORD_TYPES.has(type) ? CARRIERS.slice(0, 4) : CARRIERS;
      const carrier = random.pick(carriers);
      const text = carrier(key, value, type);
      const start = text.indexOf(value);
      samples.push({ type, text, start, end: start + value.length });
    }
  }
  return samples;
}

/** The secret types the positive corpus covers. */
export const SECRET_TYPES: readonly string[] = Object.keys(SECRET_GENERATORS);
/** The PII types the positive corpus covers. */
export const PII_CORPUS_TYPES: readonly string[] = Object.keys(PII_GENERATORS);
