/**
 * Benign text that must not trip the leak detectors: code, JSON, logs and
 * prose full of numbers, dates, versions, prices, order numbers, UUIDs, git
 * SHAs, hashes, base64 images, URLs and version strings, generated from a
 * seed, plus fixed files of pinned packages in node_modules (deterministic
 * after `npm ci`, no network), cut into 1 KB documents.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BASE62, HEX, seededRandom, type Random } from './prng.ts';

const WORDS =
  'the request was retried after a timeout and the cache returned a stale value so we bumped the version and redeployed every service in the cluster before lunch'.split(
    ' ',
  );

const sentence = (r: Random, count: number): string =>
  Array.from({ length: count }, () => r.pick(WORDS)).join(' ');

const uuid = (r: Random): string =>
  `${r.string(HEX, 8)}-${r.string(HEX, 4)}-4${r.string(HEX, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.string(HEX, 3)}-${r.string(HEX, 12)}`;

const date = (r: Random): string =>
  `${r.int(2015, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

const TEMPLATES: readonly ((r: Random) => string)[] = [
  (r) => `commit ${r.string(HEX, 40)}\nAuthor: CI Bot\nDate: ${date(r)}\n\n    ${sentence(r, 8)}`,
  (r) =>
    `{"id":"${uuid(r)}","createdAt":"${date(r)}T${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00Z","total":${r.int(1, 9999)}.${String(r.int(0, 99)).padStart(2, '0')},"currency":"EUR","items":${r.int(1, 20)}}`,
  (r) =>
    `Order #${r.int(100000, 99999999)} shipped on ${date(r)}; total $${r.int(1, 9)},${r.int(100, 999)}.${r.int(10, 99)} (tracking 1Z${r.string('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 16)}).`,
  (r) =>
    `"integrity": "sha512-${createHash('sha512').update(String(r.next())).digest('base64')}",\n"resolved": "https://registry.npmjs.org/pkg/-/pkg-${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 99)}.tgz"`,
  (r) =>
    `sha256:${r.string(HEX, 64)}  dist/app-${r.int(1, 5)}.${r.int(0, 20)}.${r.int(0, 9)}.tar.gz`,
  (r) =>
    `[${date(r)} ${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}.${r.int(100, 999)}] INFO worker-${r.int(1, 16)} pid=${r.int(1000, 65000)} latency_ms=${r.int(1, 900)} bytes=${r.int(100, 10000000)} trace_id=${r.string(HEX, 32)}`,
  (r) =>
    `Released v${r.int(1, 20)}.${r.int(0, 40)}.${r.int(0, 99)} on ${date(r)}. Upgrade from ${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)} is recommended; see https://github.com/acme/widget/releases/tag/v${r.int(1, 9)}.${r.int(0, 9)}.0 and issue #${r.int(1, 9999)}.`,
  (r) =>
    `User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.int(100, 130)}.0.${r.int(1000, 6999)}.${r.int(10, 199)} Safari/537.36`,
  (r) =>
    `<img alt="logo" src="data:image/png;base64,${Buffer.from(r.string(BASE62, 120)).toString('base64')}">`,
  (r) =>
    `const token = await getAccessToken(client);\nconst secretName = process.env.SECRET_NAME;\nconst password = await prompt('Password: ');\nconst apiKey = config.openai.apiKey ?? process.env.OPENAI_API_KEY;\n// ${sentence(r, 6)}`,
  (r) =>
    `The meeting is at ${r.int(1, 12)}:${r.int(10, 59)} on ${r.int(1, 28)}/${r.int(1, 12)}/${r.int(2020, 2026)}; the budget is ${r.int(1, 999)} ${r.int(100, 999)} ${r.int(100, 999)} EUR, up ${r.int(1, 99)}.${r.int(1, 9)}% from last year, with ${r.int(1000, 99999)} units.`,
  () =>
    `Set OPENAI_API_KEY=sk-... (or YOUR_API_KEY), e.g. sk-proj-XXXXXXXX, and a token like <token>; the AWS example key is AKIAIOSFODNN7EXAMPLE. Never commit xxxx-xxxx.`,
  (r) =>
    `SELECT id, email_hash, created_at FROM users WHERE id IN (${Array.from({ length: 5 }, () => r.int(1, 999999)).join(', ')}) AND status = 'active' LIMIT ${r.int(10, 500)};`,
  (r) =>
    `Contact support via the in-app chat; reference ticket ${r.string('ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}-${r.int(1000, 9999)} and build ${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}+${r.string(HEX, 7)}.`,
  (r) =>
    `docker pull ghcr.io/acme/api@sha256:${r.string(HEX, 64)}\nkubectl rollout status deploy/api --timeout=${r.int(30, 600)}s`,
  (r) =>
    `![build status](https://github.com/acme/widget/actions/workflows/ci.yml/badge.svg) built by runner ${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)} on 127.0.0.1 and 192.168.${r.int(0, 255)}.${r.int(1, 254)} in the lab`,
  (r) =>
    `Session ${uuid(r)} expired after ${r.int(1, 60)} minutes; ETag "${r.string(HEX, 32)}"; request id req_${r.string(BASE62, 14)}.`,
  (r) =>
    `const cacheKey = \`user:\${id}:profile\`;\nconst maxTokens = ${r.int(256, 8192)};\nconst tokenizer = 'cl100k_base';\nconst secretName = 'prod/db/password';\nconst passwordResetUrl = 'https://acme.io/reset';\nif (event.key === 'Enter') submit();`,
  (r) =>
    `The key insight is that the token bucket refills at ${r.int(10, 500)} tokens per second; a secret to good latency is keeping ${r.int(2, 16)} workers warm. Password rotation happens every ${r.int(30, 90)} days.`,
  (r) =>
    `max_tokens=${r.int(100, 4000)} temperature=0.${r.int(0, 9)} top_p=0.9 tokens_used=${r.int(100, 100000)} prompt_tokens=${r.int(10, 9000)} key_id=${r.int(1, 99)}`,
  (r) =>
    `ISBN 978-${r.int(0, 1)}-${r.int(10, 99)}-${r.int(100000, 999999)}-${r.int(0, 9)}; port ${r.int(1024, 65535)}; pid ${r.int(100, 99999)}; line ${r.int(1, 9999)}, column ${r.int(1, 200)}; ${r.int(1, 999)} ms; HTTP ${r.pick([200, 404, 500, 503])}`,
  (r) =>
    `![diagram](data:image/png;base64,${Buffer.from(r.string(BASE62, 90)).toString('base64')}) and [docs](https://docs.acme.io/guide?page=${r.int(1, 40)}&lang=en)`,
  () =>
    `api_key = "sk-xxxxxxxxxxxxxxxxxxxxxxxx"  # replace with your key\nSECRET_KEY = os.environ["SECRET_KEY"]\npassword = getpass.getpass()\ntoken: \${{ secrets.GITHUB_TOKEN }}`,
  (r) =>
    `Latitude ${r.int(-89, 89)}.${r.int(100000, 999999)}, longitude ${r.int(-179, 179)}.${r.int(100000, 999999)}; elevation ${r.int(1, 4000)} m; reading 0x${r.string(HEX, 8)} at offset ${r.int(0, 65535)}.`,
];

/** Documents from the templates, `count` in all, deterministic for a seed. */
export function syntheticBenignCorpus(count = 5000, seed = 7): readonly string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const parts = random.int(1, 3);
    return Array.from({ length: parts }, () => random.pick(TEMPLATES)(random)).join('\n');
  });
}

/**
 * Real-world text from pinned dependencies: TypeScript declarations,
 * JavaScript and Markdown (about 2.7 MB). Chosen to hold no real email
 * addresses or keys (package.json author fields and READMEs with contact
 * addresses are left out: those are true positives).
 */
const NODE_MODULES_FILES: readonly string[] = [
  'typescript/lib/lib.es5.d.ts',
  'typescript/lib/lib.dom.d.ts',
  'yaml/dist/compose/composer.js',
  'yaml/README.md',
  'undici/lib/web/fetch/index.js',
  'undici/README.md',
  'undici/docs/docs/api/Dispatcher.md',
  'fast-check/README.md',
  'vitest/dist/index.d.ts',
  'prettier/README.md',
  'zod/README.md',
  'eslint/README.md',
  '@types/node/fs.d.ts',
];

/** `node_modules` files cut into 1 KB documents; missing files are skipped. */
export function nodeModulesBenignCorpus(root: string): readonly string[] {
  const documents: string[] = [];
  for (const file of NODE_MODULES_FILES) {
    let text: string;
    try {
      text = readFileSync(join(root, 'node_modules', file), 'utf8');
    } catch {
      continue;
    }
    for (let offset = 0; offset < text.length; offset += 1024)
      documents.push(text.slice(offset, offset + 1024));
  }
  return documents;
}
