/**
 * Logistic regression over hashed window features, trained with AdaGrad and
 * L2. Benign texts are negative in every window (the detector takes the max);
 * an attack's weight is spread over its windows. An optional
 * multiple-instance second pass (`multipleInstance`, off: it lowered the
 * out-of-fold input AUC, docs/injection-model.md) retrains on each long
 * attack's best window.
 */
import { normalizeForFeatures } from '../../src/guards/detectors/injection/features.ts';
import {
  sparseWindows,
  type LinearModel,
  type SparseWindow,
} from '../../src/guards/detectors/injection/model.ts';
import {
  CONCEPT_FEATURES,
  CONCEPT_FEATURE_IDS,
} from '../../src/guards/detectors/injection/concepts.ts';
import { RULES } from '../../src/guards/detectors/injection/rules.ts';
import type { Example } from './data.ts';
import { createRandom, shuffled } from './random.ts';

export interface TrainOptions {
  readonly bits: number;
  readonly seed: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Per-source weight caps: a source counts as at most this many items. */
  readonly positiveCap: number;
  readonly negativeCap: number;
  /** Total positive weight as a share of total negative weight. */
  readonly positiveRatio: number;
  /** Windows kept per training text (evenly spaced), bounding memory. */
  readonly maxWindows: number;
  /** Retrain on each long attack's best window (see the file comment). */
  readonly multipleInstance: boolean;
  /** Rule ids whose hit floors a window's logit (`LinearModel.floorRules`), and the floor. */
  readonly floorRuleIds: readonly string[];
  readonly floorLogit: number;
  /** Concept feature ids (concepts.ts) whose presence floors a window's logit like the floor rules. */
  readonly floorConceptIds: readonly string[];
  /** Concept feature ids that floor a window's logit in tool outputs only. */
  readonly toolFloorConceptIds: readonly string[];
  /** L2 on the concept-feature weights (concepts.ts). */
  readonly conceptL2: number;
  /** Learning-rate multiplier of the n-gram buckets (the rule and concept weights use 1). */
  readonly ngramRate: number;
  /** Share of training instances whose n-grams are dropped, so rules and concepts must predict alone. */
  readonly ngramDropout: number;
  /** 1: concept features in the n-gram model too; 0: only in the dense model. */
  readonly conceptsInMain: number;
  /** 1: train the dense rule + concept model (`LinearModel.dense`). */
  readonly denseModel: number;
  /** 1: a second set of concept weights used only for tool outputs. */
  readonly surfaceConcepts: number;
  /** Weight multiplier of the synthetic texts (scripts/injection/synthetic/); 0 leaves them out. */
  readonly syntheticWeight: number;
  /** Per-family cap of the synthetic texts: a family counts as at most this many items. */
  readonly syntheticCap: number;
  /** 1: include the synthetic tool-output carriers; 0: only the input-surface texts. */
  readonly syntheticToolOutput: number;
  /** Extra weight multiplier of the synthetic tool-output texts. */
  readonly syntheticToolWeight: number;
  /** Synthetic paragraphs per label inserted into real benign tool-output carriers (0: none). */
  readonly syntheticEmbed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  bits: 18,
  seed: 1,
  epochs: 4,
  learningRate: 0.1,
  l2: 2e-6,
  positiveCap: 400,
  negativeCap: 2000,
  positiveRatio: 0.6,
  maxWindows: 12,
  multipleInstance: false,
  floorRuleIds: ['instruction-override', 'instruction-override-multilingual'],
  floorLogit: 4,
  floorConceptIds: [],
  toolFloorConceptIds: [],
  conceptL2: 0,
  ngramRate: 1,
  ngramDropout: 0,
  conceptsInMain: 1,
  denseModel: 0,
  surfaceConcepts: 1,
  syntheticWeight: 1,
  syntheticCap: 150,
  syntheticToolOutput: 1,
  syntheticToolWeight: 1,
  syntheticEmbed: 0,
};

export interface Featurized {
  readonly example: Example;
  readonly windows: readonly SparseWindow[];
}

export function featurize(examples: readonly Example[], options: TrainOptions): Featurized[] {
  return examples.map((example) => {
    const all = sparseWindows(normalizeForFeatures(example.text), options.bits);
    if (all.length <= options.maxWindows) return { example, windows: all };
    const kept: SparseWindow[] = [];
    for (let index = 0; index < options.maxWindows; index++) {
      const window = all[Math.floor((index * all.length) / options.maxWindows)];
      if (window !== undefined) kept.push(window);
    }
    return { example, windows: kept };
  });
}

/**
 * Per-example weights: per-source caps (per-family caps and a multiplier for
 * synthetic texts), then positives rescaled to `positiveRatio`.
 */
export function exampleWeights(items: readonly Featurized[], options: TrainOptions): Float64Array {
  const groupSize = new Map<string, number>();
  const keyOf = (example: Example): string =>
    `${example.source}|${example.family ?? ''}|${example.kind}|${example.label}`;
  for (const { example } of items) {
    groupSize.set(keyOf(example), (groupSize.get(keyOf(example)) ?? 0) + 1);
  }
  const weights = new Float64Array(items.length);
  let positive = 0;
  let negative = 0;
  items.forEach(({ example }, index) => {
    const size = groupSize.get(keyOf(example)) ?? 1;
    const synthetic = example.family !== undefined;
    const cap = synthetic
      ? options.syntheticCap
      : example.label === 1
        ? options.positiveCap
        : options.negativeCap;
    const multiplier = synthetic
      ? options.syntheticWeight *
        (example.surface === 'tool_output' ? options.syntheticToolWeight : 1)
      : 1;
    const weight = Math.min(1, cap / size) * multiplier;
    weights[index] = weight;
    if (example.label === 1) positive += weight;
    else negative += weight;
  });
  const scale = positive > 0 ? (options.positiveRatio * negative) / positive : 1;
  items.forEach(({ example }, index) => {
    if (example.label === 1) weights[index] = (weights[index] ?? 0) * scale;
  });
  return weights;
}

interface Instance {
  readonly window: SparseWindow;
  readonly label: 0 | 1;
  readonly weight: number;
  /** A tool-output text: its concept features also train the tool-output concept weights. */
  readonly tool: boolean;
}

class Trainer {
  readonly size: number;
  readonly weights: Float64Array;
  readonly squares: Float64Array;
  readonly conceptBase: number;
  readonly biasSlot: number;
  readonly toolBase: number;

  constructor(readonly options: TrainOptions) {
    this.size = 1 << options.bits;
    // Buckets, then one weight per rule, one per concept feature, then the bias.
    this.conceptBase = this.size + RULES.length;
    // With `surfaceConcepts`, a second concept block that only tool outputs use.
    this.toolBase = options.surfaceConcepts === 1 ? this.conceptBase + CONCEPT_FEATURES : -1;
    this.biasSlot = this.conceptBase + CONCEPT_FEATURES * (options.surfaceConcepts === 1 ? 2 : 1);
    this.weights = new Float64Array(this.biasSlot + 1);
    this.squares = new Float64Array(this.biasSlot + 1);
  }

  logit(window: SparseWindow, ngrams = true, tool = false): number {
    const weights = this.weights;
    let z = weights[this.biasSlot] ?? 0;
    const { indices, values } = window;
    for (let index = 0; ngrams && index < indices.length; index++) {
      z += (weights[indices[index] ?? 0] ?? 0) * (values[index] ?? 0);
    }
    for (const rule of window.rules) z += weights[this.size + rule] ?? 0;
    if (this.options.conceptsInMain === 1) {
      for (const feature of window.concepts) z += weights[this.conceptBase + feature] ?? 0;
      if (tool && this.toolBase >= 0) {
        for (const feature of window.concepts) z += weights[this.toolBase + feature] ?? 0;
      }
    }
    return z;
  }

  private update(slot: number, gradient: number, rate: number, l2: number): void {
    const weights = this.weights;
    const squares = this.squares;
    const total = gradient + l2 * (weights[slot] ?? 0);
    const square = (squares[slot] ?? 0) + total * total;
    squares[slot] = square;
    weights[slot] = (weights[slot] ?? 0) - (rate * total) / (Math.sqrt(square) + 1e-8);
  }

  epoch(instances: readonly Instance[], seed: number): void {
    const { learningRate, l2, ngramRate, ngramDropout } = this.options;
    const random = createRandom(seed);
    const order = shuffled(
      instances.map((_, index) => index),
      random,
    );
    const ngramLearningRate = learningRate * ngramRate;
    for (const position of order) {
      const instance = instances[position];
      if (instance === undefined) continue;
      const ngrams = ngramDropout === 0 || random.next() >= ngramDropout;
      const z = this.logit(instance.window, ngrams, instance.tool);
      const probability = 1 / (1 + Math.exp(-z));
      const gradient = (probability - instance.label) * instance.weight;
      if (gradient === 0) continue;
      const { indices, values } = instance.window;
      for (let index = 0; ngrams && index < indices.length; index++) {
        this.update(indices[index] ?? 0, gradient * (values[index] ?? 0), ngramLearningRate, l2);
      }
      for (const rule of instance.window.rules)
        this.update(this.size + rule, gradient, learningRate, 0);
      if (this.options.conceptsInMain === 1) {
        for (const feature of instance.window.concepts)
          this.update(this.conceptBase + feature, gradient, learningRate, this.options.conceptL2);
        if (instance.tool && this.toolBase >= 0) {
          for (const feature of instance.window.concepts)
            this.update(this.toolBase + feature, gradient, learningRate, this.options.conceptL2);
        }
      }
      this.update(this.biasSlot, gradient, learningRate, 0);
    }
  }

  model(): LinearModel {
    return {
      bits: this.options.bits,
      weights: Float32Array.from(this.weights.subarray(0, this.size)),
      scale: 1,
      floorRules: this.options.floorRuleIds.map((id) => RULES.findIndex((rule) => rule.id === id)),
      floorLogit: this.options.floorLogit,
      floorConcepts: this.options.floorConceptIds.map((id) => CONCEPT_FEATURE_IDS.indexOf(id)),
      toolFloorConcepts: this.options.toolFloorConceptIds.map((id) =>
        CONCEPT_FEATURE_IDS.indexOf(id),
      ),
      bias: this.weights[this.biasSlot] ?? 0,
      ruleWeights: Array.from(this.weights.subarray(this.size, this.conceptBase)),
      conceptWeights: Array.from(this.weights.subarray(this.conceptBase, this.biasSlot)),
    };
  }
}

/** Trains on the featurised examples (with their weights) and returns the float model. */
export function trainModel(
  items: readonly Featurized[],
  weights: Float64Array,
  options: TrainOptions,
): LinearModel {
  const firstPass: Instance[] = [];
  items.forEach(({ example, windows }, index) => {
    const weight = weights[index] ?? 0;
    const count = windows.length;
    for (const window of windows) {
      firstPass.push({
        window,
        label: example.label,
        weight: example.label === 1 ? weight / count : weight * Math.min(1, 4 / count),
        tool: example.surface === 'tool_output',
      });
    }
  });
  const trainer = new Trainer(options);
  for (let epoch = 0; epoch < options.epochs; epoch++)
    trainer.epoch(firstPass, options.seed * 7919 + epoch);
  if (options.denseModel === 1) {
    // The dense model: rules and concepts only (every instance drops its n-grams).
    const dense = new Trainer({ ...options, ngramDropout: 1, conceptsInMain: 1 });
    for (let epoch = 0; epoch < options.epochs; epoch++)
      dense.epoch(firstPass, options.seed * 6271 + epoch);
    const main = trainer.model();
    const denseModel = dense.model();
    return {
      ...main,
      dense: {
        bias: denseModel.bias,
        ruleWeights: denseModel.ruleWeights,
        conceptWeights: denseModel.conceptWeights,
      },
    };
  }
  if (!options.multipleInstance) return trainer.model();
  // Multiple-instance pass: each multi-window attack keeps its best window at full weight.
  const secondPass: Instance[] = [];
  items.forEach(({ example, windows }, index) => {
    const weight = weights[index] ?? 0;
    if (example.label === 0 || windows.length === 1) {
      for (const window of windows) {
        secondPass.push({
          window,
          label: example.label,
          weight: example.label === 1 ? weight : weight * Math.min(1, 4 / windows.length),
          tool: example.surface === 'tool_output',
        });
      }
      return;
    }
    let best = windows[0];
    let bestLogit = -Infinity;
    for (const window of windows) {
      const z = trainer.logit(window);
      if (z > bestLogit) {
        bestLogit = z;
        best = window;
      }
    }
    if (best !== undefined) {
      secondPass.push({ window: best, label: 1, weight, tool: example.surface === 'tool_output' });
    }
  });
  const second = new Trainer(options);
  for (let epoch = 0; epoch < options.epochs; epoch++)
    second.epoch(secondPass, options.seed * 104729 + epoch);
  return second.model();
}
