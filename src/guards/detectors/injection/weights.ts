/**
 * Decoding of the committed model weights (weights.generated.ts, written by
 * `npm run train:injection`). The weights ship as a TypeScript module holding
 * base64 int8 buckets, because `tsc` does not copy data files into dist/.
 */
import { CONCEPT_FEATURE_IDS } from './concepts.ts';
import { FEATURE_CONFIG } from './features.ts';
import type { LinearModel } from './model.ts';
import { RULE_IDS } from './rules.ts';
import { INJECTION_WEIGHTS } from './weights.generated.ts';

/** The shape of the generated module's export. */
export interface InjectionWeightsFile {
  readonly format: 'ringfence-injection-v1';
  readonly digest: string;
  readonly bits: number;
  /** Dequantisation: weight = int8 × scale. */
  readonly scale: number;
  readonly bias: number;
  readonly ruleIds: readonly string[];
  readonly ruleWeights: readonly number[];
  /** Concept feature ids (concepts.ts) and their weights, in slot order. */
  readonly conceptIds: readonly string[];
  readonly conceptWeights: readonly number[];
  /** Rules whose hit sets a window's logit to at least `floorLogit`. */
  readonly floorRuleIds: readonly string[];
  readonly floorLogit: number;
  /** The dense rule + concept model (`LinearModel.dense`), or null. */
  readonly dense: {
    readonly bias: number;
    readonly ruleWeights: readonly number[];
    readonly conceptWeights: readonly number[];
  } | null;
  /** Concept features (concepts.ts) whose presence sets the same floor. */
  readonly floorConceptIds: readonly string[];
  /** Concept features that set the floor in tool outputs only. */
  readonly toolFloorConceptIds: readonly string[];
  readonly thresholds: { readonly input: number; readonly tool_output: number };
  readonly featureConfig: typeof FEATURE_CONFIG;
  /** base64 of `2^bits` signed bytes. */
  readonly data: string;
}

export interface LoadedWeights {
  readonly model: LinearModel;
  readonly thresholds: { readonly input: number; readonly tool_output: number };
  readonly digest: string;
}

/** Decodes a weights file; throws when it does not match this code's features or rules. */
export function decodeWeights(file: InjectionWeightsFile): LoadedWeights {
  if (JSON.stringify(file.featureConfig) !== JSON.stringify(FEATURE_CONFIG)) {
    throw new Error('injection weights were trained with another feature configuration');
  }
  if (file.ruleIds.join(',') !== RULE_IDS.join(',')) {
    throw new Error('injection weights were trained with another rule set');
  }
  if (file.conceptIds.join(',') !== CONCEPT_FEATURE_IDS.join(',')) {
    throw new Error('injection weights were trained with another concept lexicon');
  }
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.length !== 1 << file.bits) throw new Error('injection weights have the wrong size');
  // A copy: the decoded Buffer may be a slice of Node's shared pool.
  const weights = new Int8Array(bytes.length);
  weights.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  return {
    model: {
      bits: file.bits,
      weights,
      scale: file.scale,
      bias: file.bias,
      ruleWeights: file.ruleWeights,
      conceptWeights: file.conceptWeights,
      floorRules: file.floorRuleIds.map((id) => {
        const index = RULE_IDS.indexOf(id);
        if (index === -1) throw new Error('injection weights name an unknown floor rule');
        return index;
      }),
      floorLogit: file.floorLogit,
      ...(file.dense === null ? {} : { dense: file.dense }),
      floorConcepts: file.floorConceptIds.map(conceptIndex),
      toolFloorConcepts: file.toolFloorConceptIds.map(conceptIndex),
    },
    thresholds: file.thresholds,
    digest: file.digest,
  };
}

function conceptIndex(id: string): number {
  const index = CONCEPT_FEATURE_IDS.indexOf(id);
  if (index === -1) throw new Error('injection weights name an unknown floor concept');
  return index;
}

let cached: LoadedWeights | undefined;

/** The committed weights, decoded once at first use. */
export function loadWeights(): LoadedWeights {
  cached ??= decodeWeights(INJECTION_WEIGHTS);
  return cached;
}
