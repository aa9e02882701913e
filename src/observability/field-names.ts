/**
 * Classifies log field names. Names are compared after lower-casing and
 * dropping everything but letters and digits, so `x-api-key`, `X_API_KEY`
 * and `xApiKey` are the same name.
 */

/**
 * - `secret`: the value is a credential whatever it looks like.
 * - `key`: a `key`-like name (`key`, `cacheKey`): masked when the value looks like a credential.
 * - `content`: prompts, bodies and completions, which are never logged.
 * - `plain`: an ordinary field (its string values are still masked).
 */
export type FieldClass = 'secret' | 'key' | 'content' | 'plain';

const SECRET_NAMES: ReadonlySet<string> = new Set([
  'auth',
  'pwd',
  'sig',
  'signature',
  'sessionid',
  'sid',
  'otp',
]);

/** Substrings that make any name secret, e.g. `clientSecret`, `xApiKey`, `setCookie`. */
const SECRET_PARTS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'accesskey',
  'signingkey',
  'encryptionkey',
  'sessionkey',
];

const CONTENT_NAMES: ReadonlySet<string> = new Set([
  'body',
  'rawbody',
  'requestbody',
  'responsebody',
  'payload',
  'prompt',
  'prompts',
  'messages',
  'content',
  'contents',
  'completion',
  'completions',
  'choices',
  'text',
  'input',
  'output',
  'instructions',
  'system',
  'arguments',
]);

/** Longest name classified; longer names are cut first (names are not user data, but bound the work). */
const MAX_NAME_LENGTH = 128;

/**
 * Log lines reuse a handful of field names, so classifications are cached;
 * the cache stops growing at its cap (names from data cannot grow it without bound).
 */
const classified = new Map<string, FieldClass>();
const MAX_CACHED_NAMES = 1_024;

export function classifyField(name: string): FieldClass {
  const cached = classified.get(name);
  if (cached !== undefined) return cached;
  const fieldClass = classifyUncached(name);
  if (classified.size < MAX_CACHED_NAMES) classified.set(name, fieldClass);
  return fieldClass;
}

function classifyUncached(name: string): FieldClass {
  const normalized = normalizeFieldName(name);
  if (CONTENT_NAMES.has(normalized)) return 'content';
  if (SECRET_NAMES.has(normalized)) return 'secret';
  // `token`, `adminToken`, `x-auth-token`; but not `tokens` or `maxTokens`, which are counts.
  if (normalized.endsWith('token')) return 'secret';
  for (const part of SECRET_PARTS) {
    if (normalized.includes(part)) return 'secret';
  }
  if (normalized.endsWith('key')) return 'key';
  return 'plain';
}

function normalizeFieldName(name: string): string {
  const bounded = name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name;
  return bounded.toLowerCase().replace(/[^a-z0-9]/g, '');
}
