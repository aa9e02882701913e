/**
 * Detection evaluation: ringfence's injection detector and the peer
 * libraries side by side on the labelled corpora.
 *
 *   npm run eval:detect -- [--data <dir|file>]… [--json] [--limit N] [--peers|--no-peers]
 *     [--probe N]
 *
 * --data     a directory holding text/*.jsonl and agent/*.jsonl, or single
 *            files (repeatable); default ../shared/datasets next to the repo
 * --limit N  at most N records per file, spread evenly (quick runs)
 * --probe N  attacks in the obfuscation probe (default 200)
 * --json     one JSON document on stdout (the table goes to stderr)
 *
 * The default data is the TRAINING split: the figures are not held-out (see
 * docs/guards-evaluation.md and docs/injection-model.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadWeights } from '../src/guards/detectors/injection/weights.ts';
import { peerContender, ringfenceContender, type Contender } from './eval/contender.ts';
import { datasetPaths, loadDatasetFile, type DatasetFile } from './eval/datasets.ts';
import { computeRows, languageRecall } from './eval/figures.ts';
import { leakFigures } from './eval/leak-figures.ts';
import { probeAttacks, runObfuscationProbe } from './eval/obfuscation-probe.ts';
import { loadPeers } from './eval/peers/load-peers.ts';
import { formatReport, type DetectorLine } from './eval/report.ts';
import { scoreCorpus } from './eval/score-corpus.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    probe: { type: 'string', default: '200' },
    peers: { type: 'boolean', default: true },
  },
  allowNegative: true,
  strict: true,
});

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return parsed;
}

/** The repository root: the nearest folder up from this script whose package.json is ringfence's. */
function repositoryRoot(): { root: string; version: string } {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'ringfence')
        return {
          root: directory,
          version: typeof manifest.version === 'string' ? manifest.version : '?',
        };
    } catch {
      // Not here: keep walking up.
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('cannot find the ringfence repository root');
    directory = parent;
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const limit = positiveInteger(values.limit, 'limit');
  const probeCount = positiveInteger(values.probe, 'probe') ?? 200;
  const { root, version } = repositoryRoot();
  // Relative to the repository, not the working directory, so `npm run` from anywhere agrees.
  const dataPaths = (values.data ?? [path.join(root, '..', 'shared', 'datasets')]).map((target) =>
    path.resolve(target),
  );
  const files: DatasetFile[] = [];
  const skipped: string[] = [];
  for (const target of dataPaths)
    for (const entry of datasetPaths(target)) {
      const file = await loadDatasetFile(entry.path, entry.name, limit);
      if (file.skippedLines > 0)
        skipped.push(`${file.name}: ${file.skippedLines} unusable line(s)`);
      files.push(file);
    }
  if (files.length === 0)
    throw new Error(`no text/*.jsonl or agent/*.jsonl under ${dataPaths.join(', ')}`);
  const texts = files.reduce((sum, file) => sum + file.records.length, 0);
  log(`loaded ${texts.toLocaleString('en-US')} texts from ${files.length} files`);

  const contenders: Contender[] = [
    ringfenceContender(`${version} (weights ${loadWeights().digest.slice(0, 12)})`),
  ];
  const detectorLines: DetectorLine[] = [];
  if (values.peers)
    for (const load of await loadPeers()) {
      if (load.ok) contenders.push(peerContender(load.peer));
      else
        detectorLines.push({
          name: load.name,
          version: load.version,
          kind: 'score',
          call: '',
          failure: `not run: ${load.error}`,
        });
    }

  const results = [];
  for (const contender of contenders) {
    log(`scoring with ${contender.name} ${contender.version} …`);
    results.push(await scoreCorpus(contender, files));
  }
  detectorLines.unshift(
    ...results.map((result) => ({
      name: result.contender.name,
      version: result.contender.version,
      kind: result.contender.kind,
      call: result.contender.call,
      ...(result.failure === undefined ? {} : { failure: result.failure }),
    })),
  );

  log('obfuscation probe …');
  const attacks = probeAttacks(files, probeCount);
  const probe = [];
  for (const result of results)
    if (result.failure === undefined)
      probe.push(await runObfuscationProbe(result.contender, attacks));

  log('leak detectors …');
  const leak = await leakFigures(root);
  const rows = computeRows(files, results);
  const languages = languageRecall(files, results);
  const command = [
    'npm run eval:detect',
    ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
  ].join(' ');
  const report = formatReport({
    command,
    dataPaths,
    ...(limit === undefined ? {} : { limit }),
    detectors: detectorLines,
    rows,
    languages,
    probe,
    probeAttacks: attacks.length,
    leak: leak.text,
    skipped,
  });
  if (values.json) {
    log(report);
    process.stdout.write(
      `${JSON.stringify(
        {
          command,
          data: dataPaths,
          trainingSplit: true,
          note: 'Figures on ../shared/datasets are on the TRAINING split (not held-out); held-out leave-one-source-out figures are in docs/injection-model.md. AUC and TPR@FPR use the pooled benign set of the same surface across all files.',
          limit: limit ?? null,
          detectors: detectorLines,
          files: files.map((file) => ({
            name: file.name,
            records: file.records.length,
            totalRecords: file.totalRecords,
            skippedLines: file.skippedLines,
          })),
          rows,
          languages,
          obfuscationProbe: { attacks: attacks.length, rows: probe },
          leak: leak.json ?? null,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(`${report}\n`);
  }
}

main().catch((error: unknown) => {
  log(`eval:detect: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
