/**
 * The evaluation's figures from the contenders' scores: one row per file
 * and surface, pooled rows per surface, recall per language.
 *
 * The benign reference for TPR at a fixed FPR (and for AUC) is the POOLED
 * benign set of the same surface across all files, so a file of attacks
 * only (jailbreak collections) gets those figures too, and every row of a
 * surface is read against the same false-positive budget.
 */
import { SURFACES, type Surface } from '../../src/guards/types.ts';
import type { DatasetFile } from './datasets.ts';
import { NON_COMMERCIAL_FILES } from './datasets.ts';
import {
  auc,
  fromCounts,
  tprAtFpr,
  type OperatingPoint,
  type ThresholdFigures,
} from './metrics.ts';
import type { ContenderScores } from './score-corpus.ts';

export const TARGET_FPRS = [0.01, 0.001] as const;

export interface Row {
  /** A file name, or `pooled` for all files of the surface. */
  readonly scope: string;
  readonly surface: Surface;
  readonly detector: string;
  readonly nonCommercial: boolean;
  readonly positives: number;
  readonly negatives: number;
  /** Against the pooled benign set of the surface; NaN for yes/no detectors. */
  readonly auc: number;
  /** Per entry of TARGET_FPRS, against the pooled benign set; absent for yes/no detectors. */
  readonly tprAtFpr?: readonly OperatingPoint[];
  /** At the detector's own operating point, within the scope. */
  readonly atThreshold: ThresholdFigures;
  readonly textsPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly failure?: string;
}

export interface LanguageRow {
  readonly lang: string;
  readonly attacks: number;
  /** Recall at each detector's operating point, by detector name. */
  readonly recall: Readonly<Record<string, number>>;
}

interface Located {
  readonly file: number;
  readonly index: number;
  readonly positive: boolean;
  readonly surface: Surface;
  readonly lang: string;
  readonly bytes: number;
}

function locate(files: readonly DatasetFile[]): readonly Located[] {
  const located: Located[] = [];
  files.forEach((file, fileIndex) => {
    for (const record of file.records)
      located.push({
        file: fileIndex,
        index: located.length,
        positive: record.positive,
        surface: record.surface,
        lang: record.lang,
        bytes: Buffer.byteLength(record.text, 'utf8'),
      });
  });
  return located;
}

export function computeRows(
  files: readonly DatasetFile[],
  results: readonly ContenderScores[],
): readonly Row[] {
  const located = locate(files);
  const fileBytes = files.map((_, fileIndex) =>
    located.filter((item) => item.file === fileIndex).reduce((sum, item) => sum + item.bytes, 0),
  );
  const rows: Row[] = [];
  for (const surface of SURFACES) {
    const ofSurface = located.filter((item) => item.surface === surface);
    if (ofSurface.length === 0) continue;
    const scopes: { name: string; items: readonly Located[]; fileIndexes: readonly number[] }[] =
      [];
    files.forEach((file, fileIndex) => {
      const items = ofSurface.filter((item) => item.file === fileIndex);
      if (items.length > 0) scopes.push({ name: file.name, items, fileIndexes: [fileIndex] });
    });
    scopes.push({
      name: 'pooled',
      items: ofSurface,
      fileIndexes: [...new Set(ofSurface.map((item) => item.file))],
    });
    for (const result of results) {
      const pooledBenign = ofSurface
        .filter((item) => !item.positive)
        .map((item) => result.scores[item.index] ?? Number.NaN);
      for (const scope of scopes)
        rows.push(rowFor(scope, surface, result, pooledBenign, files, fileBytes));
    }
  }
  return rows;
}

function rowFor(
  scope: { name: string; items: readonly Located[]; fileIndexes: readonly number[] },
  surface: Surface,
  result: ContenderScores,
  pooledBenign: readonly number[],
  files: readonly DatasetFile[],
  fileBytes: readonly number[],
): Row {
  const { contender } = result;
  const positives = scope.items.filter((item) => item.positive);
  const negatives = scope.items.filter((item) => !item.positive);
  const flaggedCount = (items: readonly Located[]): number =>
    items.reduce((count, item) => count + (result.flagged[item.index] ?? 0), 0);
  // Throughput is per file (all its surfaces); a pooled row sums its files.
  const seconds = scope.fileIndexes.reduce(
    (sum, fileIndex) => sum + (result.fileSeconds[fileIndex] ?? Number.NaN),
    0,
  );
  const texts = scope.fileIndexes.reduce(
    (sum, fileIndex) => sum + (files[fileIndex]?.records.length ?? 0),
    0,
  );
  const bytes = scope.fileIndexes.reduce((sum, fileIndex) => sum + (fileBytes[fileIndex] ?? 0), 0);
  const base = {
    scope: scope.name,
    surface,
    detector: contender.name,
    nonCommercial: NON_COMMERCIAL_FILES.has(scope.name),
    positives: positives.length,
    negatives: negatives.length,
    atThreshold: fromCounts(
      flaggedCount(positives),
      positives.length,
      flaggedCount(negatives),
      negatives.length,
    ),
    textsPerSecond: texts / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
  };
  if (result.failure !== undefined)
    return { ...base, auc: Number.NaN, failure: result.failure, textsPerSecond: Number.NaN };
  if (contender.kind === 'boolean') return { ...base, auc: Number.NaN };
  const positiveScores = positives.map((item) => result.scores[item.index] ?? Number.NaN);
  return {
    ...base,
    auc: auc(positiveScores, pooledBenign),
    tprAtFpr: TARGET_FPRS.map((target) => tprAtFpr(positiveScores, pooledBenign, target)),
  };
}

/** Recall per language for attacks not in English, pooled over files and surfaces. */
export function languageRecall(
  files: readonly DatasetFile[],
  results: readonly ContenderScores[],
): readonly LanguageRow[] {
  const byLanguage = new Map<string, number[]>();
  for (const item of locate(files)) {
    if (!item.positive || item.lang === 'en' || item.lang === 'unknown') continue;
    const indexes = byLanguage.get(item.lang) ?? [];
    indexes.push(item.index);
    byLanguage.set(item.lang, indexes);
  }
  return [...byLanguage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lang, indexes]) => ({
      lang,
      attacks: indexes.length,
      recall: Object.fromEntries(
        results.map((result) => [
          result.contender.name,
          result.failure === undefined
            ? indexes.reduce((count, index) => count + (result.flagged[index] ?? 0), 0) /
              indexes.length
            : Number.NaN,
        ]),
      ),
    }));
}
