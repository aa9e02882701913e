/**
 * Loads the shared datasets (MANIFEST.md in the data folder) into labelled
 * examples. `text/alpaca_harmless.jsonl` is CC BY-NC: it is loaded only as
 * an evaluation set (`loadEvaluationOnly`), never into training examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticText } from './synthetic/types.ts';

export type ExampleSurface = 'input' | 'tool_output';

export interface Example {
  readonly text: string;
  /** 1 = injection or jailbreak, 0 = benign. */
  readonly label: 0 | 1;
  /** The source group used for leave-sources-out folds and per-source weights. */
  readonly source: string;
  /** Every source the text was built from (augmented texts have two), for fold exclusion. */
  readonly sources: readonly string[];
  readonly surface: ExampleSurface;
  readonly lang: string;
  /** `original`, `generated`, `augmented`. */
  readonly kind: string;
  /**
   * An attack only in context (CyberSecEval logic-violating cases, filler
   * overload / repeated-token cases: MANIFEST.md caveats). Not trained on; it
   * is evaluated, and reported separately from the context-free attacks.
   */
  readonly contextDependent: boolean;
  /**
   * The template family of a synthetic text (scripts/injection/synthetic/):
   * the unit of the synthetic per-family weight cap (`syntheticCap`).
   */
  readonly family?: string;
}

/** Sources of the synthetic texts: trained on in every real fold, evaluated in a fold of their own. */
export const SYNTHETIC_SOURCES: readonly string[] = ['synthetic_en', 'synthetic_ml'];

export function isSynthetic(example: Example): boolean {
  return SYNTHETIC_SOURCES.includes(example.source);
}

/**
 * Synthetic texts as examples (`kind` 'generated'). A text identical to a
 * dataset text is dropped, so no held-out text is also a training text.
 */
export function syntheticExamples(
  texts: readonly SyntheticText[],
  source: string,
  known: ReadonlySet<string>,
): Example[] {
  const seen = new Set<string>();
  const examples: Example[] = [];
  for (const text of texts) {
    if (known.has(text.text) || seen.has(text.text)) continue;
    seen.add(text.text);
    examples.push({
      text: text.text,
      label: text.label,
      source,
      sources: [source],
      surface: text.surface,
      lang: text.lang,
      kind: 'generated',
      contextDependent: false,
      family: text.family,
    });
  }
  return examples;
}

interface TextRow {
  readonly text: string;
  readonly label: string;
  readonly lang?: string;
  readonly meta?: {
    readonly channel?: string;
    readonly risk_category?: string;
    readonly injection_variant?: string;
  } | null;
}

const CONTEXT_DEPENDENT_VARIANTS = new Set(['overload_with_information', 'repeated_token_attack']);

interface AgentRow {
  readonly tool_response: string;
  readonly is_injected: boolean;
  readonly attacker_instruction: string | null;
}

/** Text files used for training (alpaca_harmless is excluded: non-commercial licence). */
export const TRAINING_TEXT_FILES: readonly string[] = [
  'awesome_prompts',
  'awesome_prompts_zh',
  'bipia_text',
  'clinc_oos',
  'cyberseceval_pi',
  'deepset',
  'docs_general',
  'docs_security',
  'fabric_patterns',
  'fuzzyai_benign',
  'garak',
  'gptfuzz',
  'gsm8k',
  'jailbreak_llms',
  'jbb_artifacts',
  'pallms',
  'pint_example',
  'promptinject',
  'pyrit',
  'self_instruct',
  'wikitables',
  'wildguard_benign',
  'xquad',
  'xstest',
];

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** bipia_text and the BIPIA agent file are one upstream source: one fold group. */
function groupOf(file: string): string {
  return file === 'bipia_text' ? 'bipia' : file;
}

export function loadTrainingExamples(dataDir: string): Example[] {
  const examples: Example[] = [];
  for (const file of TRAINING_TEXT_FILES) {
    for (const row of readJsonl<TextRow>(join(dataDir, 'text', `${file}.jsonl`))) {
      const channel = row.meta?.channel;
      const toolLike = channel === 'tool_output' || channel === 'document' || file === 'bipia_text';
      const source = groupOf(file);
      examples.push({
        text: row.text,
        label: row.label === 'benign' ? 0 : 1,
        source,
        sources: [source],
        surface: toolLike ? 'tool_output' : 'input',
        lang: row.lang ?? 'und',
        kind: 'original',
        contextDependent:
          row.label !== 'benign' &&
          (row.meta?.risk_category === 'logic-violating' ||
            CONTEXT_DEPENDENT_VARIANTS.has(row.meta?.injection_variant ?? '')),
      });
    }
  }
  for (const file of ['bipia', 'injecagent', 'agentdojo']) {
    for (const row of readJsonl<AgentRow>(join(dataDir, 'agent', `${file}.jsonl`))) {
      examples.push({
        text: row.tool_response,
        label: row.is_injected ? 1 : 0,
        source: file,
        sources: [file],
        surface: 'tool_output',
        lang: 'en',
        kind: 'original',
        contextDependent: false,
      });
    }
  }
  return examples;
}

/** Benign Alpaca instructions: evaluation only (CC BY-NC 4.0, never trained on). */
export function loadEvaluationOnly(dataDir: string): Example[] {
  return readJsonl<TextRow>(join(dataDir, 'text', 'alpaca_harmless.jsonl')).map((row) => ({
    text: row.text,
    label: 0,
    source: 'alpaca_harmless',
    sources: ['alpaca_harmless'],
    surface: 'input',
    lang: row.lang ?? 'en',
    kind: 'evaluation-only',
    contextDependent: false,
  }));
}
