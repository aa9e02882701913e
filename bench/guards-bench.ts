/**
 * Guard benchmark: the cost of inspecting one text with the full input
 * pipeline (views/normalisation, the injection model and every DLP
 * detector, as `scanText` runs them on surface `input`), in process.
 *
 *   npm run bench:guards -- [--runs 5] [--seconds 0.4] [--json]
 *
 * For each kind of text (English prose, TypeScript code, JSON, an
 * obfuscated attack, non-English text) at 1 KB, 8 KB and 64 KB: warm-up,
 * then calls until --seconds have passed (at least 100 calls); p50 and p99
 * per call and per KB. Each figure is the median over --runs runs and is
 * checked against the targets p50 ≤ 0.1 ms/KB and p99 ≤ 0.3 ms/KB.
 *
 * Then the streaming output guard: a 4 KB answer in 20-character chunks
 * through `guardStream` (every detector on surface `output`) against the
 * same chunks passed through untouched; the difference per chunk is the
 * added latency.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChatStreamPart } from '../src/chat/types.ts';
import { createTextScanner, type TextScanner } from '../src/guards/scan-text.ts';
import { guardStream } from '../src/guards/stream/index.ts';
import type { DecidedFinding, Inspect } from '../src/guards/types.ts';
import { measureBreakdown, type BreakdownRow } from './guard-breakdown.ts';
import { answerText, benchTexts, type BenchText } from './guard-texts.ts';
import { median, Samples } from './stats.ts';
import { machine } from './machine.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '0.4' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});

const runs = Number(values.runs);
const seconds = Number(values.seconds);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!(seconds > 0)) throw new Error('--seconds must be positive');

const MIN_CALLS = 100;
const TARGET_P50_MS_PER_KB = 0.1;
const TARGET_P99_MS_PER_KB = 0.3;
const CHUNK_CHARS = 20;

interface CaseFigures {
  readonly kind: string;
  readonly bytes: number;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p50MsPerKb: number;
  readonly p99MsPerKb: number;
}

interface StreamFigures {
  readonly answerBytes: number;
  readonly chunks: number;
  readonly streams: number;
  readonly passThroughP50Ms: number;
  readonly guardedP50Ms: number;
  readonly guardedP99Ms: number;
  readonly addedPerChunkP50Us: number;
  readonly addedPerChunkP99Us: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function repositoryRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'docs', 'architecture.md'))) {
    const parent = path.dirname(directory);
    if (parent === directory)
      throw new Error('cannot find the repository root (docs/architecture.md)');
    directory = parent;
  }
  return directory;
}

/**
 * Two texts of the same length that differ in their last character. The
 * views of a text are memoised for the last text seen (detectors of one
 * subject share them); alternating makes every call build its views, as a
 * gateway request with a new body does.
 */
function alternating(text: string): readonly [string, string] {
  const last = text.at(-1);
  return [text, `${text.slice(0, -1)}${last === '.' ? ' ' : '.'}`];
}

/** Calls until the time budget is spent; the result is kept so the work cannot be optimised away. */
function measureCase(scanner: TextScanner, subject: BenchText): CaseFigures {
  const samples = new Samples();
  const texts = alternating(subject.text);
  let sink = 0;
  let call = 0;
  const warmUntil = performance.now() + Math.min(200, seconds * 500);
  while (performance.now() < warmUntil)
    sink += scanner.scan(call++ % 2 === 0 ? texts[0] : texts[1], 'input').score;
  const until = performance.now() + seconds * 1000;
  while (samples.count < MIN_CALLS || performance.now() < until) {
    const text = call++ % 2 === 0 ? texts[0] : texts[1];
    const started = performance.now();
    sink += scanner.scan(text, 'input').findings.length;
    samples.add(performance.now() - started);
  }
  if (Number.isNaN(sink)) log('unexpected NaN score');
  const [p50 = Number.NaN, p99 = Number.NaN] = samples.percentiles([0.5, 0.99]);
  const kilobytes = subject.bytes / 1024;
  return {
    kind: subject.kind,
    bytes: subject.bytes,
    calls: samples.count,
    p50Ms: p50,
    p99Ms: p99,
    p50MsPerKb: p50 / kilobytes,
    p99MsPerKb: p99 / kilobytes,
  };
}

async function* chunked(text: string): AsyncGenerator<ChatStreamPart> {
  yield { type: 'start', id: 'bench', model: 'bench' };
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    // Chunks arrive asynchronously from an upstream; both sides pay this alike.
    await Promise.resolve();
    yield { type: 'text-delta', text: text.slice(at, at + CHUNK_CHARS) };
  }
  yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };
}

/** Every detector on surface `output`, each finding logged (nothing changes the answer). */
function benchInspect(scanner: TextScanner): Inspect {
  return (subject) =>
    scanner
      .scan(subject.text, subject.surface, subject.location)
      .findings.map((finding): DecidedFinding => ({
        finding,
        action: 'log',
        surface: subject.surface,
        location: subject.location,
      }));
}

async function drain(parts: AsyncIterable<ChatStreamPart>): Promise<number> {
  let count = 0;
  for await (const part of parts) if (part.type === 'text-delta') count += part.text.length;
  return count;
}

async function measureStream(scanner: TextScanner, answer: string): Promise<StreamFigures> {
  const inspect = benchInspect(scanner);
  const chunks = Math.ceil(answer.length / CHUNK_CHARS);
  const plain = new Samples();
  const guarded = new Samples();
  const once = async (guard: boolean): Promise<number> => {
    const started = performance.now();
    const released = await drain(
      guard ? guardStream(chunked(answer), { inspect, canaries: [] }) : chunked(answer),
    );
    if (released !== answer.length) throw new Error('the stream guard changed the answer length');
    return performance.now() - started;
  };
  for (let warm = 0; warm < 20; warm++) {
    await once(false);
    await once(true);
  }
  const until = performance.now() + seconds * 2000;
  while (guarded.count < MIN_CALLS || performance.now() < until) {
    // Interleaved, so drift on a shared machine hits both sides alike.
    plain.add(await once(false));
    guarded.add(await once(true));
  }
  const [plainP50 = Number.NaN] = plain.percentiles([0.5]);
  const [guardedP50 = Number.NaN, guardedP99 = Number.NaN] = guarded.percentiles([0.5, 0.99]);
  return {
    answerBytes: Buffer.byteLength(answer, 'utf8'),
    chunks,
    streams: guarded.count,
    passThroughP50Ms: plainP50,
    guardedP50Ms: guardedP50,
    guardedP99Ms: guardedP99,
    addedPerChunkP50Us: ((guardedP50 - plainP50) / chunks) * 1000,
    addedPerChunkP99Us: ((guardedP99 - plainP50) / chunks) * 1000,
  };
}

function medianCase(samples: readonly CaseFigures[]): CaseFigures {
  const first = samples[0];
  if (first === undefined) throw new Error('no samples');
  const of = (pick: (figures: CaseFigures) => number): number => median(samples.map(pick));
  return {
    kind: first.kind,
    bytes: first.bytes,
    calls: of((figures) => figures.calls),
    p50Ms: of((figures) => figures.p50Ms),
    p99Ms: of((figures) => figures.p99Ms),
    p50MsPerKb: of((figures) => figures.p50MsPerKb),
    p99MsPerKb: of((figures) => figures.p99MsPerKb),
  };
}

function medianStream(samples: readonly StreamFigures[]): StreamFigures | undefined {
  const first = samples[0];
  if (first === undefined) return undefined;
  const of = (pick: (figures: StreamFigures) => number): number => median(samples.map(pick));
  return {
    answerBytes: first.answerBytes,
    chunks: first.chunks,
    streams: of((figures) => figures.streams),
    passThroughP50Ms: of((figures) => figures.passThroughP50Ms),
    guardedP50Ms: of((figures) => figures.guardedP50Ms),
    guardedP99Ms: of((figures) => figures.guardedP99Ms),
    addedPerChunkP50Us: of((figures) => figures.addedPerChunkP50Us),
    addedPerChunkP99Us: of((figures) => figures.addedPerChunkP99Us),
  };
}

function size(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((row) => (row[column] ?? '').length)),
  );
  return [header, ...body].map((row) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd(),
  );
}

function formatReport(
  cases: readonly CaseFigures[],
  breakdown: readonly BreakdownRow[],
  stream: StreamFigures | undefined,
  info: Record<string, string | number>,
  command: string,
): string {
  const header = [
    'text',
    'size',
    'calls',
    'p50 ms',
    'p99 ms',
    'p50 ms/KB',
    'p99 ms/KB',
    'MB/s at p50',
    'targets p50/p99',
  ];
  const mark = (value: number, limit: number): string => (value <= limit ? 'ok' : 'MISS');
  const body = cases.map((figures) => [
    figures.kind,
    size(figures.bytes),
    String(Math.round(figures.calls)),
    figures.p50Ms.toFixed(3),
    figures.p99Ms.toFixed(3),
    figures.p50MsPerKb.toFixed(4),
    figures.p99MsPerKb.toFixed(4),
    (figures.bytes / 1e6 / (figures.p50Ms / 1000)).toFixed(1),
    `${mark(figures.p50MsPerKb, TARGET_P50_MS_PER_KB)}/${mark(figures.p99MsPerKb, TARGET_P99_MS_PER_KB)}`,
  ]);
  const check = (name: string, limit: number, pick: (figures: CaseFigures) => number): string => {
    const worst = cases.reduce((a, b) => (pick(b) > pick(a) ? b : a));
    const over = cases.filter((figures) => pick(figures) > limit).length;
    return `  ${over === 0 ? 'PASS' : 'MISS'}  ${name} ≤ ${limit} ms/KB: ${over} of ${cases.length} cases over; worst ${pick(worst).toFixed(4)} ms/KB (${worst.kind}, ${size(worst.bytes)})`;
  };
  const lines = [
    `ringfence guard benchmark: full input pipeline (views/normalisation + injection model + secrets, pii, canary, exfiltration, hidden-text) via scanText on surface input, median of ${runs} run(s), ${seconds} s per case per run`,
    `command: ${command}`,
    `machine: ${info['cpuModel']}, ${info['cores']} cores, ${info['memoryGiB']} GiB, node ${info['node']}, ${info['platform']}, load average ${info['loadAverageAtStart']}`,
    ...table(header, body),
    'targets (every text kind and size):',
    check('p50 per KB', TARGET_P50_MS_PER_KB, (figures) => figures.p50MsPerKb),
    check('p99 per KB', TARGET_P99_MS_PER_KB, (figures) => figures.p99MsPerKb),
  ];
  const stages = Object.keys(breakdown[0]?.p50Ms ?? {});
  lines.push(
    'where the time goes (one run, each stage alone, p50 ms per call; detectors build their own views, so stages overlap):',
    ...table(
      ['text', 'size', ...stages],
      breakdown.map((row) => [
        row.kind,
        size(row.bytes),
        ...stages.map((stage) => (row.p50Ms[stage] ?? Number.NaN).toFixed(3)),
      ]),
    ),
  );
  if (stream !== undefined)
    lines.push(
      `stream guard (output surface, every detector, defaults): ${size(stream.answerBytes)} answer in ${CHUNK_CHARS}-char chunks (${stream.chunks} chunks), ${Math.round(stream.streams)} streams per run`,
      `  pass-through p50 ${stream.passThroughP50Ms.toFixed(3)} ms per stream; guarded p50 / p99 ${stream.guardedP50Ms.toFixed(3)} / ${stream.guardedP99Ms.toFixed(3)} ms per stream`,
      `  added per chunk p50 / p99: ${stream.addedPerChunkP50Us.toFixed(1)} / ${stream.addedPerChunkP99Us.toFixed(1)} µs`,
    );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const root = repositoryRoot();
  const info = machine();
  const command = [
    'npm run bench:guards',
    ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
  ].join(' ');
  const scanner = createTextScanner();
  const texts = benchTexts(root);
  const answer = answerText(root);
  const perRun: CaseFigures[][] = [];
  const streamRuns: StreamFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    log(`run ${run}/${runs} …`);
    perRun.push(texts.map((subject) => measureCase(scanner, subject)));
    streamRuns.push(await measureStream(scanner, answer));
  }
  const cases = texts.map((_, index) =>
    medianCase(perRun.map((figures) => figures[index]).filter((figures) => figures !== undefined)),
  );
  const stream = medianStream(streamRuns);
  log('per-stage breakdown …');
  const breakdown = measureBreakdown(texts, Math.min(seconds, 0.1));
  const report = formatReport(cases, breakdown, stream, info, command);
  if (values.json) {
    log(report);
    process.stdout.write(
      `${JSON.stringify(
        {
          command,
          machine: info,
          settings: { runs, secondsPerCase: seconds, minCalls: MIN_CALLS, chunkChars: CHUNK_CHARS },
          targets: { p50MsPerKb: TARGET_P50_MS_PER_KB, p99MsPerKb: TARGET_P99_MS_PER_KB },
          median: { cases, stream: stream ?? null },
          breakdown,
          runs: perRun.map((figures, index) => ({
            cases: figures,
            stream: streamRuns[index] ?? null,
          })),
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
  log(`bench:guards: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
