/** The evaluation report for people: one table per surface, then languages, obfuscations, leaks. */
import type { Surface } from '../../src/guards/types.ts';
import type { LanguageRow, Row } from './figures.ts';
import { TARGET_FPRS } from './figures.ts';
import { OBFUSCATIONS } from './obfuscations.ts';
import type { ProbeRow } from './obfuscation-probe.ts';

export interface DetectorLine {
  readonly name: string;
  readonly version: string;
  readonly kind: 'score' | 'boolean';
  readonly call: string;
  readonly failure?: string;
}

export interface ReportInput {
  readonly command: string;
  readonly dataPaths: readonly string[];
  readonly limit?: number;
  readonly detectors: readonly DetectorLine[];
  readonly rows: readonly Row[];
  readonly languages: readonly LanguageRow[];
  readonly probe: readonly ProbeRow[];
  readonly probeAttacks: number;
  readonly leak: string;
  readonly skipped: readonly string[];
}

export function formatReport(input: ReportInput): string {
  const lines: string[] = [
    'ringfence detection evaluation',
    `command: ${input.command}`,
    `data: ${input.dataPaths.join(', ')}${input.limit === undefined ? '' : ` (at most ${input.limit} records per file, spread evenly)`}`,
    '',
    'NOTE: ../shared/datasets is the TRAINING split of the corpora the injection model was trained on;',
    'figures on it are NOT held-out. The held-out, leave-one-source-out figures are in docs/injection-model.md.',
    '',
    'detectors:',
    ...input.detectors.map(
      (detector) =>
        `  ${detector.name} ${detector.version}: ${detector.failure ?? detector.call}${detector.kind === 'boolean' ? ' [yes/no only: no AUC, no TPR at FPR]' : ''}`,
    ),
    '',
    'columns:',
    '  pos / neg        attack / benign texts in the row',
    "  AUC, TPR@1%,     the row's attacks ranked against the POOLED benign set of the SAME surface across all",
    '  TPR@0.1%         files (so attack-only files have them too); the threshold is an observed benign score and a',
    '                   text is flagged strictly above it; * = fewer than 1/FPR benign texts (TPR at zero false positives)',
    "  P / R / F1,      precision, recall, F1 and benign false-positive rate at the detector's own operating point",
    "  FPR@op           (ringfence: the shipped thresholds), within the row's own texts",
    "  texts/s, MB/s    single-threaded throughput of the detector on the row's files (UTF-8 bytes)",
    '  NC               non-commercial licence: evaluation only, never training',
  ];
  if (input.skipped.length > 0) lines.push('', ...input.skipped.map((line) => `skipped: ${line}`));
  const surfaces = [...new Set(input.rows.map((row) => row.surface))];
  for (const surface of surfaces) lines.push('', ...surfaceTable(surface, input.rows));
  if (input.languages.length > 0) lines.push('', ...languageTable(input));
  if (input.probe.length > 0) lines.push('', ...probeTable(input));
  lines.push('', 'leak detectors (DLP):', input.leak);
  return lines.join('\n');
}

function surfaceTable(surface: Surface, rows: readonly Row[]): string[] {
  const ofSurface = rows.filter((row) => row.surface === surface);
  const pooledBenign = ofSurface.find((row) => row.scope === 'pooled')?.negatives ?? 0;
  const header = [
    'file',
    'detector',
    'pos',
    'neg',
    'AUC',
    ...TARGET_FPRS.map((target) => `TPR@${percent(target, target < 0.01 ? 1 : 0)}`),
    'P',
    'R',
    'F1',
    'FPR@op',
    'texts/s',
    'MB/s',
  ];
  const scopes = [...new Set(ofSurface.map((row) => row.scope))];
  const body: string[][] = [];
  for (const scope of scopes) {
    const scopeRows = ofSurface.filter((row) => row.scope === scope);
    scopeRows.forEach((row, index) => {
      const label =
        index > 0
          ? ''
          : `${scope === 'pooled' ? `POOLED ${surface}` : scope}${row.nonCommercial ? ' (NC)' : ''}`;
      if (row.failure !== undefined) {
        body.push([label, row.detector, row.failure]);
        return;
      }
      body.push([
        label,
        row.detector,
        String(row.positives),
        String(row.negatives),
        fixed(row.auc),
        ...TARGET_FPRS.map((_, target) => {
          const point = row.tprAtFpr?.[target];
          if (point === undefined || !Number.isFinite(point.tpr)) return 'n/a';
          return `${percent(point.tpr)}${point.resolved ? '' : '*'}`;
        }),
        fixed(row.atThreshold.precision),
        percent(row.atThreshold.recall),
        fixed(row.atThreshold.f1),
        percent(row.atThreshold.fpr, 2),
        Number.isFinite(row.textsPerSecond)
          ? Math.round(row.textsPerSecond).toLocaleString('en-US')
          : 'n/a',
        Number.isFinite(row.megabytesPerSecond) ? row.megabytesPerSecond.toFixed(2) : 'n/a',
      ]);
    });
    if (scope !== scopes[scopes.length - 1]) body.push([]);
  }
  return [
    `surface ${surface} (pooled benign reference: ${pooledBenign.toLocaleString('en-US')} texts)`,
    ...table(header, body),
  ];
}

function languageTable(input: ReportInput): string[] {
  const names = input.detectors.map((detector) => detector.name);
  return [
    "recall on non-English attacks at each detector's operating point (lang field; all files and surfaces):",
    ...table(
      ['lang', 'attacks', ...names],
      input.languages.map((row) => [
        row.lang,
        String(row.attacks),
        ...names.map((name) => percent(row.recall[name] ?? Number.NaN)),
      ]),
    ),
  ];
}

function probeTable(input: ReportInput): string[] {
  const names = OBFUSCATIONS.map((obfuscation) => obfuscation.name);
  return [
    `obfuscation probe: ${input.probeAttacks} English input attacks; share still caught after each obfuscation, among those caught plain (target 100%):`,
    ...table(
      ['detector', 'caught plain', ...names],
      input.probe.map((row) =>
        row.failure === undefined
          ? [
              row.detector,
              `${row.caughtPlain}/${row.attacks}`,
              ...names.map((name) => percent(row.stillCaught[name] ?? Number.NaN)),
            ]
          : [row.detector, row.failure],
      ),
    ),
  ];
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const full = [header, ...body.filter((row) => row.length === header.length)];
  const widths = header.map((_, column) =>
    Math.max(...full.map((row) => (row[column] ?? '').length)),
  );
  // A short row (a failure message) lets its last cell run on.
  return [header, ...body].map((row) =>
    `  ${row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')}`.trimEnd(),
  );
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : 'n/a';
}
