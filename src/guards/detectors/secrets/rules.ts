/**
 * The secrets rules: provider and cloud credentials with a recognisable
 * shape, then keyword-anchored generic ones. Ids and types are stable (they
 * appear in audit records, configs and redaction labels); docs/guards-dlp.md
 * lists each with what it matches and how it is validated.
 *
 * Every pattern starts with a literal prefix or a negative lookbehind on the
 * token alphabet, so each candidate run is tried from one position only, and
 * every quantifier is bounded: matching is linear (the ReDoS gate in
 * src/guards/redos.test.ts checks each pattern with recheck).
 */
import { looksRandom, type ClassRequirement } from './entropy.ts';
import { scanJwts } from './jwt.ts';
import {
  scanConnectionStringPasswords,
  scanDatabaseUrlPasswords,
  scanKeywordPasswords,
  scanKeywordSecrets,
  scanUrlPasswords,
} from './keyword-secrets.ts';
import { scanPrivateKeys } from './private-key.ts';
import { regexScan, type SecretMatch, type SecretRule } from './rule.ts';

/** A token rule: the body after `prefixLength` characters must look random. */
function token(
  pattern: RegExp,
  prefixLength: (secret: string) => number,
  classes: ClassRequirement,
  score: (secret: string) => number = () => 1,
  minEntropy?: number,
): (text: string) => readonly SecretMatch[] {
  return regexScan(pattern, (secret) =>
    looksRandom(secret.slice(prefixLength(secret)).replace(/[_-]/g, ''), {
      classes,
      ...(minEntropy === undefined ? {} : { minEntropy }),
    })
      ? score(secret)
      : 0,
  );
}

const fixed = (length: number) => () => length;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'openai-api-key',
    type: 'openai_key',
    description: 'OpenAI API keys: sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…',
    triggers: ['sk-'],
    // `T3BlbkFJ` is base64 of "OpenAI", embedded in every key since 2023.
    scan: token(
      /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}/g,
      fixed(3),
      'mixed',
      (secret) => (secret.includes('T3BlbkFJ') ? 1 : 0.95),
    ),
  },
  {
    id: 'anthropic-api-key',
    type: 'anthropic_key',
    description: 'Anthropic API and admin keys: sk-ant-api03-…, sk-ant-admin01-…',
    triggers: ['sk-ant-'],
    scan: token(
      /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{32,200}/g,
      (secret) => secret.indexOf('-', 7) + 1,
      'mixed',
    ),
  },
  {
    id: 'aws-access-key-id',
    type: 'aws_access_key',
    description: 'AWS access key ids: AKIA (long-term), ASIA (STS), ABIA (STS bearer), ACCA',
    triggers: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    scan: token(
      /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
      fixed(4),
      'any',
      () => 1,
      // 16 characters of a 32-letter alphabet: entropy varies more than in long tokens.
      2.8,
    ),
  },
  {
    id: 'aws-secret-access-key',
    type: 'aws_secret_key',
    description:
      '40-character AWS secret access keys after an aws_secret_access_key / SecretAccessKey keyword',
    triggers: ['secret_access', 'secretaccess', 'secret-access', 'aws_secret', 'awssecret'],
    caseInsensitiveTriggers: true,
    scan: regexScan(
      /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)["']?[ \t]{0,4}(?::=|=>|[:=])[ \t]{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/dgi,
      (secret) => (looksRandom(secret, { classes: 'two' }) ? 1 : 0),
      1,
    ),
  },
  {
    id: 'gcp-api-key',
    type: 'gcp_api_key',
    description: 'Google Cloud / Firebase API keys: AIza + 35 characters',
    triggers: ['AIza'],
    scan: token(/(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, fixed(4), 'two'),
  },
  {
    id: 'google-oauth-token',
    type: 'google_oauth_token',
    description: 'Google OAuth 2.0 access tokens: ya29.…',
    triggers: ['ya29.'],
    scan: token(/(?<![A-Za-z0-9_-])ya29\.[0-9A-Za-z_-]{20,2048}/g, fixed(5), 'two'),
  },
  {
    id: 'private-key',
    type: 'private_key',
    description:
      'PEM private-key blocks (RSA, EC, DSA, OPENSSH, PKCS#8, ENCRYPTED, PGP), incl. the private_key of GCP service-account JSON',
    triggers: ['-----BEGIN '],
    scan: scanPrivateKeys,
  },
  {
    id: 'azure-storage-key',
    type: 'azure_key',
    description:
      'Azure storage account keys and Service Bus / Event Hubs shared access keys in connection strings',
    triggers: ['AccountKey=', 'SharedAccessKey='],
    scan: regexScan(
      /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,88}={0,2})/dg,
      (secret) => (looksRandom(secret, { classes: 'mixed' }) ? 1 : 0),
      1,
    ),
  },
  {
    id: 'azure-client-secret',
    type: 'azure_client_secret',
    description:
      'Microsoft Entra ID (Azure AD) client secrets: 3 characters, a digit, Q~, 31–34 characters',
    triggers: ['Q~'],
    scan: token(
      /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}(?![A-Za-z0-9_~-])/g,
      fixed(6),
      'two',
    ),
  },
  {
    id: 'github-token',
    type: 'github_token',
    description:
      'GitHub tokens: ghp_ (classic PAT), gho_, ghu_, ghs_, ghr_, github_pat_ (fine-grained)',
    triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    scan: token(
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,240})(?![A-Za-z0-9_])/g,
      (secret) => (secret.startsWith('github_pat_') ? 11 : 4),
      'mixed',
    ),
  },
  {
    id: 'gitlab-token',
    type: 'gitlab_token',
    description:
      'GitLab tokens: glpat- (personal), gldt- (deploy), glptt- (pipeline trigger), glrt- (runner)',
    triggers: ['glpat-', 'gldt-', 'glptt-', 'glrt-'],
    scan: token(
      /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
      (secret) => secret.indexOf('-') + 1,
      'two',
    ),
  },
  {
    id: 'slack-token',
    type: 'slack_token',
    description:
      'Slack tokens: xoxb- (bot), xoxp- (user), xoxa-, xoxr-, xoxe-, xoxs-, xoxo-, xapp- (app-level)',
    triggers: ['xox', 'xapp-'],
    scan: token(
      /(?<![A-Za-z0-9_-])(?:xox[abeoprs]|xapp)-[0-9A-Za-z-]{20,250}/g,
      (secret) => secret.indexOf('-') + 1,
      'two',
    ),
  },
  {
    id: 'slack-webhook',
    type: 'slack_webhook',
    description: 'Slack incoming-webhook and workflow URLs: https://hooks.slack.com/services/…',
    triggers: ['hooks.slack.com'],
    scan: token(
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,200}/g,
      (secret) => secret.indexOf('/', 24) + 1,
      'two',
    ),
  },
  {
    id: 'stripe-key',
    type: 'stripe_key',
    description:
      'Stripe secret and restricted keys: sk_live_, rk_live_ (score 1); sk_test_, rk_test_ (score 0.6)',
    triggers: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    scan: token(
      /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[0-9A-Za-z]{20,247}(?![A-Za-z0-9_])/g,
      fixed(8),
      'mixed',
      (secret) => (secret.includes('_live_') ? 1 : 0.6),
    ),
  },
  {
    id: 'npm-token',
    type: 'npm_token',
    description: 'npm access tokens: npm_ + 36 characters',
    triggers: ['npm_'],
    scan: token(/(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g, fixed(4), 'mixed'),
  },
  {
    id: 'huggingface-token',
    type: 'huggingface_token',
    description: 'Hugging Face user access tokens: hf_ + 34 letters',
    triggers: ['hf_'],
    scan: token(/(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_])/g, fixed(3), 'letters'),
  },
  {
    id: 'sendgrid-key',
    type: 'sendgrid_key',
    description: 'SendGrid API keys: SG.<22>.<43>',
    triggers: ['SG.'],
    scan: token(
      /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
      fixed(3),
      'two',
    ),
  },
  {
    id: 'twilio-api-key',
    type: 'twilio_key',
    description: 'Twilio API key SIDs: SK + 32 lower-case hex digits',
    triggers: ['SK'],
    scan: token(/(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g, fixed(2), 'two'),
  },
  {
    id: 'jwt',
    type: 'jwt',
    description: 'JSON Web Tokens: three base64url parts whose header decodes to JSON with "alg"',
    triggers: ['eyJ'],
    scan: scanJwts,
  },
  {
    id: 'database-url-password',
    type: 'db_password',
    description:
      'The password in database URLs: postgres://user:password@…, mysql, mongodb(+srv), redis, amqp, …',
    triggers: ['://'],
    requires: ['@'],
    scan: scanDatabaseUrlPasswords,
  },
  {
    id: 'connection-string-password',
    type: 'db_password',
    description: 'Password=… in ADO.NET / ODBC / JDBC connection strings',
    triggers: ['password', 'pwd'],
    caseInsensitiveTriggers: true,
    requires: ['='],
    scan: scanConnectionStringPasswords,
  },
  {
    id: 'url-credentials',
    type: 'url_password',
    description: 'The password in other URLs with userinfo: https://user:password@host/…',
    triggers: ['://'],
    requires: ['@'],
    scan: scanUrlPasswords,
  },
  {
    id: 'generic-password',
    type: 'password',
    description:
      'password= / passwd: / pwd= assignments whose value mixes letters with digits or symbols',
    triggers: ['passw', 'pwd'],
    caseInsensitiveTriggers: true,
    generic: true,
    scan: scanKeywordPasswords,
  },
  {
    id: 'generic-secret',
    type: 'generic_secret',
    description:
      'High-entropy values (16+ characters) assigned to api_key, secret, token, access_key, credential, private_key, …',
    triggers: ['key', 'secret', 'token', 'credential'],
    caseInsensitiveTriggers: true,
    generic: true,
    scan: scanKeywordSecrets,
  },
];

/** The ids of all rules, in order: the default of `createSecretsDetector`. */
export const SECRET_RULE_IDS: readonly string[] = SECRET_RULES.map((rule) => rule.id);
