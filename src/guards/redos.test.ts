/**
 * The ReDoS gate. Every regex literal and every `new RegExp(<string
 * literal>)` in src/ (tests excluded) must be proven safe by recheck
 * (automaton or fuzz checker); dynamic `new RegExp(expr)` calls fail unless
 * listed below with why they are safe. Then each shipped DLP detector runs
 * over adversarial 1 MiB inputs within a generous bound: the point is to
 * catch super-linear blow-ups, not to measure speed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createCanaryDetector } from './detectors/canary/index.ts';
import { createExfiltrationDetector } from './detectors/exfiltration/index.ts';
import { createPiiDetector } from './detectors/pii/index.ts';
import { createSecretsDetector } from './detectors/secrets/index.ts';
import { SECRET_RULES } from './detectors/secrets/rules.ts';
import { compileTriggers } from './detectors/secrets/triggers.ts';
import { viewsOf } from './normalize/view-spans.ts';

const SRC = join(import.meta.dirname, '..');

/**
 * Dynamic `new RegExp(expr)` calls as `file#expr` (the source text of the
 * pattern argument, so the entry survives edits elsewhere in the file),
 * with why each is safe.
 * Each compiled output is also checked below ("checks the compiled output
 * of every allowlisted dynamic RegExp").
 */
const DYNAMIC_ALLOWLIST: Readonly<Record<string, string>> = {
  "src/guards/detectors/secrets/triggers.ts#sorted.map(escape).join('|')":
    'the secrets prefilter: an alternation of escaped literal trigger strings, no quantifiers',
};

/** Patterns recheck cannot decide, with why they are safe. */
const UNKNOWN_ALLOWLIST: Readonly<Record<string, string>> = {};

interface FoundPattern {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

interface DynamicCall {
  readonly where: string;
  readonly key: string;
}

function collectPatterns(): { readonly patterns: FoundPattern[]; readonly dynamic: DynamicCall[] } {
  const patterns: FoundPattern[] = [];
  const dynamic: DynamicCall[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2023, true);
    const where = (node: ts.Node): string =>
      `${relative(join(SRC, '..'), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf('/');
        patterns.push({
          where: where(node),
          source: literal.slice(1, slash),
          flags: literal.slice(slash + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern, flags] = node.arguments ?? [];
        if (pattern !== undefined && ts.isStringLiteralLike(pattern)) {
          const flagText = flags !== undefined && ts.isStringLiteralLike(flags) ? flags.text : '';
          patterns.push({ where: where(node), source: pattern.text, flags: flagText });
        } else {
          const file = relative(join(SRC, '..'), source.fileName);
          dynamic.push({ where: where(node), key: `${file}#${pattern?.getText(source) ?? ''}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { patterns, dynamic };
}

describe('ReDoS gate', () => {
  const { patterns, dynamic } = collectPatterns();

  it('finds no dynamic RegExp construction outside the allowlist', () => {
    const unlisted = dynamic.filter((call) => DYNAMIC_ALLOWLIST[call.key] === undefined);
    expect(unlisted.map((call) => `${call.where} ${call.key}`)).toEqual([]);
  });

  it('checks the compiled output of every allowlisted dynamic RegExp', async () => {
    const compiled = compileTriggers(SECRET_RULES).patterns;
    for (const pattern of compiled) {
      const result = await check(pattern.source, pattern.flags.replace(/[dgy]/g, ''), {
        timeout: 20_000,
      });
      expect({ source: pattern.source, status: result.status }).toEqual({
        source: pattern.source,
        status: 'safe',
      });
    }
  }, 120_000);

  it('proves every regex in src/ safe with recheck', async () => {
    expect(patterns.length).toBeGreaterThan(50);
    const failures: string[] = [];
    // Sequential: recheck's native checker is a subprocess, and the machine is shared.
    for (const pattern of patterns) {
      const result = await check(pattern.source, pattern.flags.replace(/[dgy]/g, ''), {
        timeout: 20_000,
      });
      if (result.status === 'safe') continue;
      if (result.status === 'unknown' && UNKNOWN_ALLOWLIST[pattern.source] !== undefined) continue;
      failures.push(
        `${pattern.where} /${pattern.source}/${pattern.flags}: ${result.status}${result.status === 'vulnerable' ? ` (${result.complexity.summary})` : ''}`,
      );
    }
    console.log(`recheck: ${patterns.length} patterns checked`);
    expect(failures).toEqual([]);
  }, 600_000);
});

const MIB = 1024 * 1024;
const repeat = (unit: string): string => unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);

const ADVERSARIAL: Readonly<Record<string, string>> = {
  'sk- prefixes': repeat('sk-'),
  'sk-ant- prefixes': repeat('sk-ant-api03-'),
  'token alphabet run': repeat('aB3'),
  'at signs': repeat('a@'),
  'dotted labels': repeat('a.'),
  'digits with spaces': repeat('4 '),
  'digits with dashes': repeat('1-'),
  digits: repeat('7'),
  'colons and hex': repeat('a:'),
  'dotted quads': repeat('1.'),
  'keyword assignments': repeat('token='),
  'keyword without value': repeat('password '),
  'PEM begins': repeat('-----BEGIN PRIVATE KEY-----'),
  'JWT-like': repeat('eyJ.'),
  'URL schemes': repeat('a://'),
  userinfo: repeat('postgres://u:p'),
  'markdown images': repeat('![a]('),
  'img tags': repeat('<img '),
  'IBAN-like': repeat('DE89 '),
  'upper case': repeat('AKIA'),
  'canary parts': repeat('rf-canary-'),
};

describe('DLP detectors on adversarial 1 MiB inputs', () => {
  const detectors = [
    createSecretsDetector(),
    createPiiDetector(),
    createCanaryDetector({ canaries: ['rf-canary-abcdefghijklmnopqrst'] }),
    createExfiltrationDetector(),
  ];
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(`finishes each detector on ${name} within a second`, () => {
      // The views (normaliser, src/guards/normalize) are built once per text
      // and shared; their own bounds are tested there. Timed here: the
      // detectors' own work.
      viewsOf(text);
      for (const detector of detectors) {
        const started = performance.now();
        detector.detect({ surface: 'output', text, location: 'redos', canaries: [] });
        const elapsed = performance.now() - started;
        expect({ detector: detector.id, slow: elapsed > 1000 }).toEqual({
          detector: detector.id,
          slow: false,
        });
      }
    }, 60_000);
  }
});

const DLP_FOLDERS = ['secrets', 'pii', 'canary', 'exfiltration'].map(
  (name) => `src/guards/detectors/${name}/`,
);

describe('shipped DLP patterns on adversarial 1 MiB inputs', () => {
  const dlpPatterns = collectPatterns().patterns.filter((pattern) =>
    DLP_FOLDERS.some((folder) => pattern.where.startsWith(folder)),
  );

  it('runs every DLP pattern over every adversarial input within a second each', () => {
    expect(dlpPatterns.length).toBeGreaterThan(20);
    const slow: string[] = [];
    for (const pattern of dlpPatterns) {
      const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
      for (const [name, text] of Object.entries(ADVERSARIAL)) {
        const started = performance.now();
        regex.lastIndex = 0;
        let count = 0;
        for (
          let match = regex.exec(text);
          match !== null && count < 2_000_000;
          match = regex.exec(text)
        ) {
          if (match[0].length === 0) regex.lastIndex++;
          count++;
        }
        const elapsed = performance.now() - started;
        if (elapsed > 1000) slow.push(`${pattern.where} on ${name}: ${Math.round(elapsed)} ms`);
      }
    }
    expect(slow).toEqual([]);
  }, 600_000);
});
