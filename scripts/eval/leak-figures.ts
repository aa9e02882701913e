/**
 * The DLP detectors' figures, from `scripts/leak-eval.ts` when that module
 * is present (it generates its own corpora of secrets and personal data).
 * Loaded dynamically so the injection evaluation runs without it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LeakFigures {
  /** For people. */
  readonly text: string;
  /** For `--json`; undefined when the module is missing or failed. */
  readonly json: unknown;
}

/** `root`: the repository, whose node_modules the leak evaluation reads as benign text. */
export async function leakFigures(root: string): Promise<LeakFigures> {
  // Built: dist/scripts/eval/leak-figures.js → dist/scripts/leak-eval.js; source: the .ts beside it.
  const candidates = ['../leak-eval.js', '../leak-eval.ts'].map(
    (relative) => new URL(relative, import.meta.url),
  );
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (found === undefined)
    return {
      text: '  not available: scripts/leak-eval.ts is missing (the DLP evaluation ships separately)',
      json: undefined,
    };
  try {
    const loaded: unknown = await import(found.href);
    const evaluate =
      typeof loaded === 'object' && loaded !== null
        ? (loaded as Record<string, unknown>)['evaluateLeakDetectors']
        : undefined;
    if (typeof evaluate !== 'function')
      return {
        text: '  not available: scripts/leak-eval.ts has no evaluateLeakDetectors()',
        json: undefined,
      };
    const result: unknown = await (evaluate as (options: { root: string }) => unknown)({ root });
    return { text: describe(result), json: result };
  } catch (error) {
    return {
      text: `  failed: ${error instanceof Error ? error.message : String(error)}`,
      json: undefined,
    };
  }
}

/** A table when the result has the known shape (`byType` rows), else indented JSON. */
function describe(result: unknown): string {
  const record = isObject(result) ? result : undefined;
  const rows = Array.isArray(record?.['byType']) ? (record['byType'] as unknown[]) : undefined;
  if (record === undefined || rows === undefined)
    return JSON.stringify(result, null, 2)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  const cell = (row: unknown, key: string): string => {
    const value = isObject(row) ? row[key] : undefined;
    if (typeof value === 'number')
      return key === 'recall' ? `${(value * 100).toFixed(1)}%` : String(value);
    return typeof value === 'string' ? value : '';
  };
  const header = ['type', 'samples', 'found', 'recall', 'benign docs flagged as it'];
  const keys = ['type', 'samples', 'found', 'recall', 'falsePositives'];
  const body = rows.map((row) => keys.map((key) => cell(row, key)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  const rate = record['falsePositiveRate'];
  return [
    `  threshold ${cell(record, 'threshold')}; generated corpora (scripts/leak-eval.ts)`,
    line(header),
    ...body.map(line),
    `  benign documents: ${cell(record, 'benignDocuments')}, flagged: ${cell(record, 'benignFlagged')}, FPR ${typeof rate === 'number' ? `${(rate * 100).toFixed(3)}%` : 'n/a'}`,
    `  false positives by type: ${JSON.stringify(record['falsePositiveTypes'] ?? {})}`,
  ].join('\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
