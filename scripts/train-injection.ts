/**
 * Trains the injection model (docs/injection-model.md):
 *   npm run train:injection -- [--data <dir>] [--out <file>] [--seed N] [--loso] [--report <file>]
 * Data defaults to ../shared/datasets (relative to the repository root, the
 * working directory of npm scripts). Same data + same command gives
 * byte-identical weights. `--dump <file>` writes the out-of-fold scores for
 * error analysis (outside the repository: it quotes data). `--loso` prints the per-source leave-sources-out
 * report (the folds always run: they calibrate the thresholds).
 * The synthetic texts of scripts/injection/synthetic/ (English and
 * multilingual) are trained on in every dataset fold and held out by a fold of
 * their own; `--option syntheticWeight=0` trains without them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sigmoid } from '../src/guards/detectors/injection/model.ts';
import { decodeWeights } from '../src/guards/detectors/injection/weights.ts';
import {
  embedAttacks,
  embedParagraphs,
  generateAttacks,
  noiseAttacks,
} from './injection/augment.ts';
import {
  loadEvaluationOnly,
  loadTrainingExamples,
  syntheticExamples,
  type Example,
} from './injection/data.ts';
import { calibrate, outOfFoldScores, report, scoreText } from './injection/evaluate.ts';
import { generateHardNegatives } from './injection/hard-negatives.ts';
import { rateAt } from './injection/metrics.ts';
import { DEFAULT_TRAIN_OPTIONS, exampleWeights, featurize, trainModel } from './injection/train.ts';
import { buildEnglishParagraphs, buildEnglishSynthetic } from './injection/synthetic/english.ts';
import { buildMultilingualSynthetic } from './injection/synthetic/multilingual.ts';
import { quantize, writeWeightsModule } from './injection/write-weights.ts';

interface Arguments {
  readonly data: string;
  readonly out: string;
  readonly seed: number;
  readonly loso: boolean;
  readonly report: string | undefined;
  readonly dump: string | undefined;
  /** `--option name=value`: numeric training options for experiments (docs/injection-model.md). */
  readonly overrides: Readonly<Record<string, number | readonly string[]>>;
}

function parseArguments(argv: readonly string[]): Arguments {
  let data = '../shared/datasets';
  let out = 'src/guards/detectors/injection/weights.generated.ts';
  let seed = 1;
  let loso = false;
  let reportPath: string | undefined;
  let dump: string | undefined;
  const overrides: Record<string, number | readonly string[]> = {};
  let index = 0;
  while (index < argv.length) {
    const flag = argv[index];
    const value = argv[index + 1];
    index += 1;
    if (flag === '--loso') {
      loso = true;
      continue;
    }
    if (value === undefined) throw new Error(`missing value for ${flag ?? ''}`);
    index += 1;
    switch (flag) {
      case '--data':
        data = value;
        break;
      case '--out':
        out = value;
        break;
      case '--seed':
        seed = Number(value);
        break;
      case '--report':
        reportPath = value;
        break;
      case '--dump':
        dump = value;
        break;
      case '--option': {
        // A list option takes comma-separated ids (possibly none): `floorConceptIds=a,b`.
        const [name = '', setting = ''] = value.split('=');
        const current: unknown = (DEFAULT_TRAIN_OPTIONS as unknown as Record<string, unknown>)[
          name
        ];
        if (Array.isArray(current)) {
          overrides[name] = setting === '' ? [] : setting.split(',');
        } else if (typeof current === 'number' && Number.isFinite(Number(setting))) {
          overrides[name] = Number(setting);
        } else {
          throw new Error(`bad --option: ${value}`);
        }
        break;
      }
      default:
        throw new Error(`unknown argument: ${flag ?? ''}`);
    }
  }
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return {
    data: resolve(data),
    out: resolve(out),
    seed,
    loso,
    report: reportPath,
    dump,
    overrides,
  };
}

function main(): void {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const args = parseArguments(argv);
  const log = (line: string): void => {
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
  };
  const options = { ...DEFAULT_TRAIN_OPTIONS, ...args.overrides, seed: args.seed };

  const loaded = loadTrainingExamples(args.data);
  const hardNegatives: Example[] = generateHardNegatives(args.seed).map((prompt) => ({
    text: prompt.text,
    label: 0,
    source: prompt.family,
    sources: [prompt.family],
    surface: 'input',
    lang: 'mixed',
    kind: 'generated',
    contextDependent: false,
  }));
  const generated = generateAttacks(args.seed, 600);
  const base = [...loaded, ...hardNegatives, ...generated];
  // Synthetic texts (scripts/injection/synthetic/) join training after the
  // augmentation, which stays on the dataset and template texts.
  const known = new Set(base.map((example) => example.text));
  const synthetic =
    options.syntheticWeight > 0
      ? [
          ...syntheticExamples(buildEnglishSynthetic(args.seed), 'synthetic_en', known),
          ...syntheticExamples(buildMultilingualSynthetic(args.seed), 'synthetic_ml', known),
        ].filter((example) => options.syntheticToolOutput === 1 || example.surface === 'input')
      : [];
  const embedded =
    options.syntheticWeight > 0 && options.syntheticEmbed > 0
      ? [0, 1].flatMap((label) =>
          embedParagraphs(
            base,
            buildEnglishParagraphs(args.seed).filter((paragraph) => paragraph.label === label),
            'synthetic_en',
            args.seed + label,
            options.syntheticEmbed,
          ),
        )
      : [];
  const examples = [
    ...base,
    ...embedAttacks(base, args.seed, 1500),
    ...noiseAttacks(base, args.seed, 600),
    ...synthetic,
    ...embedded,
  ];
  log(
    `examples: ${examples.length} (${examples.filter((example) => example.label === 1).length} attacks; ` +
      `synthetic ${synthetic.length}, ${synthetic.filter((example) => example.label === 1).length} attacks)`,
  );

  const items = featurize(examples, options);
  log(`featurised ${items.reduce((sum, item) => sum + item.windows.length, 0)} windows`);

  const scores = outOfFoldScores(items, options, log);
  const calibration = calibrate(scores);
  const markdown = report(scores, calibration);
  if (args.dump !== undefined) {
    // Out-of-fold scores for error analysis; stays outside the repository (it quotes data).
    const lines = scores.map(({ example, logit, fold }) =>
      JSON.stringify({
        source: example.source,
        label: example.label,
        surface: example.surface,
        lang: example.lang,
        fold,
        logit,
        text: example.text.slice(0, 300),
      }),
    );
    writeFileSync(resolve(args.dump), `${lines.join('\n')}\n`);
  }
  if (args.loso) process.stdout.write(`${markdown}\n`);

  const trainable = items.filter((item) => !item.example.contextDependent);
  const model = trainModel(trainable, exampleWeights(trainable, options), options);
  const thresholds = {
    input: sigmoid(calibration.input),
    tool_output: sigmoid(calibration.toolOutput),
  };
  const file = quantize(model, thresholds);
  // Only what determines the weights (the data folder is the shared datasets at their pinned version).
  const command = `npm run train:injection -- --seed ${args.seed}`;
  writeWeightsModule(args.out, file, command);
  log(`wrote ${args.out} (digest ${file.digest}, ${file.data.length} base64 chars)`);

  // Checks on the shipped (quantised) model: agreement with the float model and the
  // non-commercial Alpaca set, used here only as an unseen benign evaluation set.
  const shipped = decodeWeights(file).model;
  let maxDrift = 0;
  for (const item of items.slice(0, 2000)) {
    const drift = Math.abs(
      scoreText(model, item.example.text, item.example.surface).logit -
        scoreText(shipped, item.example.text, item.example.surface).logit,
    );
    maxDrift = Math.max(maxDrift, drift);
  }
  const alpaca = loadEvaluationOnly(args.data).map((example) => ({
    score: scoreText(shipped, example.text).logit,
    weight: 1,
  }));
  const summary = [
    '',
    `Thresholds (probability): input ${thresholds.input.toPrecision(4)} (1% pooled OOF FPR), ` +
      `tool_output ${thresholds.tool_output.toPrecision(4)} (0.5% pooled OOF FPR); ` +
      `input 0.1% FPR would be ${sigmoid(calibration.inputStrict).toPrecision(4)}.`,
    `Quantisation: max |logit drift| over 2,000 training texts ${maxDrift.toFixed(3)}.`,
    `alpaca_harmless (CC BY-NC, evaluation only, never trained on; final model): ${(rateAt(alpaca, calibration.input) * 100).toFixed(2)}% of ${alpaca.length} flagged at the input threshold.`,
  ].join('\n');
  process.stdout.write(`${summary}\n`);
  if (args.report !== undefined) writeFileSync(resolve(args.report), `${markdown}\n${summary}\n`);
  log('done');
}

main();
