/**
 * Loading the labelled corpora (`text/*.jsonl`, `agent/*.jsonl`, the layout
 * of ../shared/datasets/MANIFEST.md) into one shape: a text, whether it is an
 * attack, and the surface it would reach the gateway on.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Surface } from '../../src/guards/types.ts';

export interface EvalRecord {
  readonly id: string;
  readonly text: string;
  /** Injection or jailbreak (text files), `is_injected` (agent files). */
  readonly positive: boolean;
  readonly surface: Surface;
  /** The `lang` field; agent files have none and count as `en`. */
  readonly lang: string;
}

export interface DatasetFile {
  /** The path relative to the data directory, e.g. `text/deepset.jsonl`. */
  readonly name: string;
  readonly records: readonly EvalRecord[];
  /** Records before `--limit` sampling. */
  readonly totalRecords: number;
  /** Lines that were not a usable record (reported, never silently dropped). */
  readonly skippedLines: number;
}

/**
 * Files licensed for evaluation only (MANIFEST.md: CC BY-NC 4.0); the report
 * marks them so their figures are never mistaken for training material.
 */
export const NON_COMMERCIAL_FILES: ReadonlySet<string> = new Set(['text/alpaca_harmless.jsonl']);

/** Every `text/*.jsonl` and `agent/*.jsonl` under a directory, or the single file given. */
export function datasetPaths(target: string): readonly { path: string; name: string }[] {
  if (statSync(target).isFile()) {
    const kind = path.basename(path.dirname(target));
    return [{ path: target, name: `${kind}/${path.basename(target)}` }];
  }
  const found: { path: string; name: string }[] = [];
  for (const kind of ['text', 'agent']) {
    const folder = path.join(target, kind);
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue;
    }
    for (const entry of entries.filter((file) => file.endsWith('.jsonl')).sort())
      found.push({ path: path.join(folder, entry), name: `${kind}/${entry}` });
  }
  return found;
}

/**
 * Reads one file line by line. With `limit`, keeps that many records spread
 * evenly over the file (files are often grouped by label, so the first N
 * lines would be one class).
 */
export async function loadDatasetFile(
  filePath: string,
  name: string,
  limit?: number,
): Promise<DatasetFile> {
  const agent = name.startsWith('agent/');
  const records: EvalRecord[] = [];
  let skippedLines = 0;
  const lines = createInterface({ input: createReadStream(filePath), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = agent ? agentRecord(line) : textRecord(line);
    if (record === undefined) skippedLines++;
    else records.push(record);
  }
  return {
    name,
    records: limit === undefined ? records : spread(records, limit),
    totalRecords: records.length,
    skippedLines,
  };
}

function spread<T>(items: readonly T[], limit: number): readonly T[] {
  if (items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, index) => items[Math.floor(index * step)]).filter(
    (item): item is T => item !== undefined,
  );
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function textRecord(line: string): EvalRecord | undefined {
  const row = parseObject(line);
  if (row === undefined) return undefined;
  const { id, text, label, lang, meta } = row;
  if (typeof text !== 'string') return undefined;
  if (label !== 'injection' && label !== 'jailbreak' && label !== 'benign') return undefined;
  const channel =
    typeof meta === 'object' && meta !== null
      ? (meta as Record<string, unknown>)['channel']
      : undefined;
  return {
    id: String(id),
    text,
    positive: label !== 'benign',
    // Documents and tool results reach the model as tool output, not as the user's own words.
    surface: channel === 'tool_output' || channel === 'document' ? 'tool_output' : 'input',
    lang: typeof lang === 'string' ? lang : 'unknown',
  };
}

function agentRecord(line: string): EvalRecord | undefined {
  const row = parseObject(line);
  if (row === undefined) return undefined;
  const { id, tool_response: toolResponse, is_injected: injected } = row;
  if (typeof toolResponse !== 'string' || typeof injected !== 'boolean') return undefined;
  return {
    id: String(id),
    text: toolResponse,
    positive: injected,
    surface: 'tool_output',
    lang: 'en',
  };
}
