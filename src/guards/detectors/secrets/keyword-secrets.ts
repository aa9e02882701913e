/**
 * Credentials recognised by the keyword before them rather than their own
 * shape: `api_key=…`, `"client_secret": "…"`, `password: …`, connection
 * strings with `Password=…;`, URLs with `user:password@`. The value must
 * still look like a credential (entropy, character classes, no
 * placeholder), because code and prose use these words all the time.
 */
import { characterClasses, looksLikePlaceholder, looksRandom } from './entropy.ts';
import { regexScan, type SecretMatch } from './rule.ts';

/**
 * The keywords; what follows them is parsed by hand in {@link scanAssignments}
 * (identifier tail, optional quote, `=` / `:` / `=>` / `:=`, optional quote,
 * value), so no pattern scans a value it may rescan from a later start.
 */
const KEYWORD =
  /api[_.-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_.-]?key|credential|private[_.-]?key|auth[_.-]?key/gi;

const MAX_TAIL = 30;
const MAX_SPACES = 4;
const MIN_VALUE = 8;
const MAX_VALUE = 256;

interface Assignment {
  readonly keyword: string;
  readonly start: number;
  readonly end: number;
}

const isIdentifierTail = (code: number): boolean =>
  (code >= 48 && code <= 57) ||
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  code === 95 ||
  code === 46 ||
  code === 45;
const isQuote = (code: number): boolean => code === 34 || code === 39 || code === 96;
const isBlank = (code: number): boolean => code === 32 || code === 9;
/** Value characters: anything but whitespace, quotes and the punctuation that ends a value in code. */
const ENDS_VALUE: ReadonlySet<number> = new Set(
  Array.from(' \t\r\n"\'`,;<>(){}[]', (character) => character.charCodeAt(0)),
);

/** Every `keyword … = value` in the text, each value read once. */
function scanAssignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  KEYWORD.lastIndex = 0;
  for (let match = KEYWORD.exec(text); match !== null; match = KEYWORD.exec(text)) {
    let index = match.index + match[0].length;
    const tailEnd = Math.min(text.length, index + MAX_TAIL);
    while (index < tailEnd && isIdentifierTail(text.charCodeAt(index))) index++;
    if (isQuote(text.charCodeAt(index))) index++;
    for (let spaces = 0; spaces < MAX_SPACES && isBlank(text.charCodeAt(index)); spaces++) index++;
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (code === 58 /* : */ && next === 61 /* = */) index += 2;
    else if (code === 61 /* = */ && next === 62 /* > */) index += 2;
    else if (code === 58 || code === 61) index += 1;
    else continue;
    for (let spaces = 0; spaces < MAX_SPACES && isBlank(text.charCodeAt(index)); spaces++) index++;
    if (isQuote(text.charCodeAt(index))) index++;
    const start = index;
    const valueEnd = Math.min(text.length, start + MAX_VALUE);
    while (index < valueEnd && !ENDS_VALUE.has(text.charCodeAt(index))) index++;
    // Sentence punctuation after a value is not part of it.
    let end = index;
    while (end > start && '.:!?'.includes(text[end - 1] ?? '')) end--;
    if (end - start < MIN_VALUE) continue;
    found.push({ keyword: match[0], start, end });
    // Resume after the value: a keyword inside it must not start a rescan.
    KEYWORD.lastIndex = index;
  }
  return found;
}

let lastAssignmentText: string | undefined;
let lastAssignments: readonly Assignment[] = [];

/** {@link scanAssignments}, memoised for the last text: two rules read the same assignments. */
function assignmentsOf(text: string): readonly Assignment[] {
  if (text !== lastAssignmentText) {
    lastAssignments = scanAssignments(text);
    lastAssignmentText = text;
  }
  return lastAssignments;
}

function assignmentScan(
  score: (keyword: string, value: string) => number,
): (text: string) => readonly SecretMatch[] {
  return (text) => {
    const found: SecretMatch[] = [];
    for (const assignment of assignmentsOf(text)) {
      const value = text.slice(assignment.start, assignment.end);
      const result = score(assignment.keyword, value);
      if (result > 0) found.push({ start: assignment.start, end: assignment.end, score: result });
    }
    return found;
  };
}

const PASSWORD_KEYWORD = /^(?:passw|pwd)/i;
const MEMBER_EXPRESSION = /^[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}$/;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8}$/;
/** Values that are references, not credentials: `process.env.X`, `SECRET_KEY`, URLs, paths. */
function isReference(value: string): boolean {
  return (
    MEMBER_EXPRESSION.test(value) ||
    CONSTANT_NAME.test(value) ||
    value.includes('://') ||
    value.startsWith('/') ||
    value.startsWith('$') ||
    value.startsWith('%')
  );
}

/** Passwords need not be random, but must not be a word, a reference or a default. */
function passwordScore(value: string): number {
  if (value.length < 8 || isReference(value) || looksLikePlaceholder(value)) return 0;
  if (COMMON_DEFAULTS.has(value.toLowerCase())) return 0;
  const classes = characterClasses(value);
  const letters = classes.upper || classes.lower;
  if (!letters || !(classes.digit || classes.other)) return 0;
  return 0.8;
}

/** Generic secrets must be random: a 16+ character token with a digit and a letter. */
function genericScore(value: string): number {
  if (isReference(value)) return 0;
  const classes = characterClasses(value);
  if (!classes.digit || !(classes.upper || classes.lower)) return 0;
  return looksRandom(value, { minLength: 16, classes: 'two' }) ? 0.8 : 0;
}

const COMMON_DEFAULTS: ReadonlySet<string> = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'postgres',
  'root',
  'admin',
  'guest',
  'secret',
  'test',
  'example',
  'changeit',
  'changeme',
  'undefined',
  'null',
]);

/** `password = …` / `passwd:` / `pwd=` assignments. */
export const scanKeywordPasswords = assignmentScan((keyword, value) =>
  PASSWORD_KEYWORD.test(keyword) ? passwordScore(value) : 0,
);

/** `api_key=…`, `token: …`, `secret = …`, … with a random value. */
export const scanKeywordSecrets = assignmentScan((keyword, value) =>
  PASSWORD_KEYWORD.test(keyword) ? 0 : genericScore(value),
);

/**
 * ADO.NET / ODBC / JDBC connection strings: `Server=…;User ID=…;Password=…;`.
 * Needs a `;` after the value or a server key before it, so a lone
 * `password=` in prose is left to the generic rule.
 */
const CONNECTION_PASSWORD =
  /(?<![A-Za-z0-9])(?:password|pwd)[ \t]{0,3}=[ \t]{0,3}([^;"'\s]{1,256})(;?)/dgi;
const SERVER_KEY = /(?:server|data source|host|address|user id|uid)[ \t]{0,3}=/i;

export const scanConnectionStringPasswords = regexScan(
  CONNECTION_PASSWORD,
  (value, match) => {
    const before = match.input.slice(Math.max(0, match.index - 200), match.index);
    if (match[2] !== ';' && !SERVER_KEY.test(before)) return 0;
    if (looksLikePlaceholder(value) || value.startsWith('$') || value.startsWith('%')) return 0;
    return COMMON_DEFAULTS.has(value.toLowerCase()) ? 0.4 : 1;
  },
  1,
);

/**
 * `scheme://user:password@host`, parsed by hand from each `://`: the scheme
 * backwards (RFC 3986 §3.1 characters, at most 32), the userinfo forwards
 * up to the first `/ ? # @` or space, bounded. `@` ends the password (RFC
 * 3986 requires it percent-encoded inside userinfo).
 */
interface Userinfo {
  readonly scheme: string;
  readonly user: string;
  readonly passwordStart: number;
  readonly passwordEnd: number;
}

const MAX_SCHEME = 32;
const MAX_USERINFO = 384;

const isSchemeCharacter = (code: number): boolean =>
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  (code >= 48 && code <= 57) ||
  code === 43 ||
  code === 45 ||
  code === 46;
/** Characters that end a URL authority or cannot be in one unencoded. */
const ENDS_USERINFO = new Set(
  Array.from(' \t\r\n/?#"\'<>`', (character) => character.charCodeAt(0)),
);

function scanUserinfo(text: string): Userinfo[] {
  const found: Userinfo[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let schemeStart = at;
    while (
      schemeStart > 0 &&
      at - schemeStart < MAX_SCHEME &&
      isSchemeCharacter(text.charCodeAt(schemeStart - 1))
    ) {
      schemeStart--;
    }
    if (schemeStart === at) continue;
    const authorityStart = at + 3;
    const limit = Math.min(text.length, authorityStart + MAX_USERINFO);
    let colon = -1;
    let index = authorityStart;
    for (; index < limit; index++) {
      const code = text.charCodeAt(index);
      if (code === 64 /* @ */ || ENDS_USERINFO.has(code)) break;
      if (code === 58 /* : */ && colon === -1) colon = index;
    }
    if (index >= limit || text.charCodeAt(index) !== 64 || colon === -1 || index - colon < 2)
      continue;
    found.push({
      scheme: text.slice(schemeStart, at),
      user: text.slice(authorityStart, colon),
      passwordStart: colon + 1,
      passwordEnd: index,
    });
  }
  return found;
}

let lastUserinfoText: string | undefined;
let lastUserinfo: readonly Userinfo[] = [];

/** {@link scanUserinfo}, memoised for the last text: two rules read the same URLs. */
function userinfoOf(text: string): readonly Userinfo[] {
  if (text !== lastUserinfoText) {
    lastUserinfo = scanUserinfo(text);
    lastUserinfoText = text;
  }
  return lastUserinfo;
}

const DATABASE_SCHEMES =
  /^(?:postgres|postgresql|mysql|mariadb|mongodb|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|couchdb|neo4j|cassandra|oracle|db2|jdbc|memcached?|elasticsearch|influxdb|snowflake)(?:\+[a-z0-9+]{1,32})?$/i;

function userinfoScore(password: string, user: string): number {
  if (looksLikePlaceholder(password) || password.startsWith('$') || password.startsWith('%'))
    return 0;
  if (password === user || COMMON_DEFAULTS.has(password.toLowerCase())) return 0.4;
  return 1;
}

function urlScan(database: boolean): (text: string) => readonly SecretMatch[] {
  return (text) => {
    const found: SecretMatch[] = [];
    for (const info of userinfoOf(text)) {
      if (DATABASE_SCHEMES.test(info.scheme) !== database) continue;
      const score = userinfoScore(text.slice(info.passwordStart, info.passwordEnd), info.user);
      if (score > 0) found.push({ start: info.passwordStart, end: info.passwordEnd, score });
    }
    return found;
  };
}

export const scanDatabaseUrlPasswords = urlScan(true);
export const scanUrlPasswords = urlScan(false);
