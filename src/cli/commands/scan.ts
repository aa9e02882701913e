/**
 * `ringfence scan`: runs every detector on a text, or on a stream of JSON
 * lines, without a gateway: with default options, or with those of the
 * configuration given by `--config` (thresholds, rules, locales, allowed
 * domains, canaries; profiles do not apply, every detector runs). Exit codes: 0 clean, 1 flagged
 * (for --jsonl: any record flagged or unreadable), 2 usage error.
 *
 * Findings are printed without the matched text: a span is given as offsets
 * and a length, because the match may be a secret.
 */
import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import { resolveCanaries } from '../../config/resolve-canaries.ts';
import { createTextScanner, type ScanResult, type TextScanner } from '../../guards/scan-text.ts';
import { SURFACES, type Finding, type Surface } from '../../guards/types.ts';
import { boundedLines } from '../bounded-lines.ts';
import { parseCommand } from '../command-args.ts';
import { printJson, printLine, printTable, UsageError, type CommandIo } from '../output.ts';

/** One JSON line (one record) may be at most this long; longer lines get an error line. */
export const MAX_JSONL_LINE_BYTES = 1024 * 1024;

/** A single text (argument, file or stdin) may be at most this long. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

export const SCAN_USAGE =
  'usage: ringfence scan [TEXT | --file PATH] [--surface input|tool_output|output] [--config FILE] [--json] | ringfence scan --jsonl [--file PATH] [--surface S] [--config FILE]';

/**
 * `input` defaults to the process's stdin: the command reads it only when no
 * text or file is given (the other commands never read stdin).
 */
export async function runScan(
  args: readonly string[],
  io: CommandIo,
  input: Readable = process.stdin,
): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    file: { type: 'string' },
    surface: { type: 'string', default: 'input' },
    jsonl: { type: 'boolean', default: false },
  });
  const surface = parseSurface(values.surface);
  if (positionals.length > 1)
    throw new UsageError(`give the text as ONE argument (quote it); ${SCAN_USAGE}`);
  const [text] = positionals;
  if (text !== undefined && values.file !== undefined)
    throw new UsageError(`give TEXT or --file, not both; ${SCAN_USAGE}`);
  const scanner = scannerFor(values.config, io);

  if (values.jsonl) {
    if (text !== undefined)
      throw new UsageError(`--jsonl reads records from stdin or --file; ${SCAN_USAGE}`);
    if (values.json) throw new UsageError(`--jsonl already writes JSON; ${SCAN_USAGE}`);
    const source = values.file === undefined ? input : await openFile(values.file);
    return scanJsonLines(source, io.stdout, scanner, surface);
  }

  const subject =
    text ?? (values.file === undefined ? await readAll(input) : await readTextFile(values.file));
  const result = scanner.scan(subject, surface);
  const threshold = scanner.threshold(surface);
  if (values.json) printJson(io.stdout, { surface, threshold, ...publicResult(result) });
  else printFindings(io.stdout, result, surface, threshold);
  return result.flagged ? 1 : 0;
}

/**
 * Default options unless `--config` names a file: scanning answers "what do
 * the detectors find", so a configuration in the working directory is not
 * picked up silently.
 */
function scannerFor(file: string | undefined, io: CommandIo): TextScanner {
  if (file === undefined) return createTextScanner();
  const { config } = loadConfig({ file, environment: io.environment });
  return createTextScanner({
    guards: config.guards,
    canaries: resolveCanaries(config.guards.canaries, io.environment),
  });
}

function parseSurface(value: string): Surface {
  const surface = SURFACES.find((candidate) => candidate === value);
  if (surface === undefined)
    throw new UsageError(`--surface must be one of ${SURFACES.join(', ')}; ${SCAN_USAGE}`);
  return surface;
}

/** The JSON shape of a finding: everything the detector said, which never includes the match. */
function publicFinding(finding: Finding): Record<string, unknown> {
  return {
    detector: finding.detector,
    rule: finding.rule,
    type: finding.type,
    score: finding.score,
    view: finding.view,
    reason: finding.reason,
    ...(finding.span === undefined
      ? {}
      : {
          span: {
            start: finding.span.start,
            end: finding.span.end,
            length: finding.span.end - finding.span.start,
          },
        }),
  };
}

function publicResult(result: ScanResult): Record<string, unknown> {
  return {
    flagged: result.flagged,
    score: result.score,
    findings: result.findings.map(publicFinding),
  };
}

function printFindings(
  out: Writable,
  result: ScanResult,
  surface: Surface,
  threshold: number,
): void {
  const summary = `injection score ${result.score.toFixed(3)}, threshold ${threshold.toFixed(3)} on ${surface}`;
  if (!result.flagged) {
    printLine(out, `clean (${summary})`);
    return;
  }
  const count = result.findings.length;
  printLine(out, `flagged: ${count} finding${count === 1 ? '' : 's'} (${summary})`);
  printTable(
    out,
    ['DETECTOR', 'RULE', 'TYPE', 'SCORE', 'VIEW', 'SPAN', 'REASON'],
    result.findings.map((finding) => [
      finding.detector,
      finding.rule,
      finding.type,
      finding.score.toFixed(2),
      finding.view,
      finding.span === undefined
        ? 'whole text'
        : `${finding.span.start}-${finding.span.end} (${finding.span.end - finding.span.start} chars)`,
      finding.reason,
    ]),
  );
}

/**
 * One output line per input line, in input order, written as each record is
 * scanned (never buffering the input), waiting for the reader when stdout is
 * full. An unusable line becomes an error line and the stream goes on.
 */
async function scanJsonLines(
  source: Readable,
  out: Writable,
  scanner: TextScanner,
  defaultSurface: Surface,
): Promise<number> {
  let code = 0;
  for await (const line of boundedLines(source, MAX_JSONL_LINE_BYTES)) {
    let output: Record<string, unknown>;
    if (line.kind === 'oversized') {
      output = {
        id: null,
        line: line.number,
        error: `line is ${line.bytes} bytes, over the ${MAX_JSONL_LINE_BYTES}-byte limit`,
      };
    } else {
      if (line.text.trim() === '') continue;
      output = scanRecord(line.text, line.number, scanner, defaultSurface);
    }
    if (output['error'] !== undefined || output['flagged'] === true) code = 1;
    if (!out.write(`${JSON.stringify(output)}\n`)) await once(out, 'drain');
  }
  return code;
}

function scanRecord(
  text: string,
  lineNumber: number,
  scanner: TextScanner,
  defaultSurface: Surface,
): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return { id: null, line: lineNumber, error: 'not valid JSON' };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { id: null, line: lineNumber, error: 'not a JSON object' };
  const fields = record as Record<string, unknown>;
  const id = echoableId(fields['id']);
  if (typeof fields['text'] !== 'string')
    return { id, line: lineNumber, error: '"text" must be a string' };
  const surfaceField = fields['surface'];
  const surface =
    surfaceField === undefined
      ? defaultSurface
      : SURFACES.find((candidate) => candidate === surfaceField);
  if (surface === undefined)
    return { id, line: lineNumber, error: `"surface" must be one of ${SURFACES.join(', ')}` };
  return { id, ...publicResult(scanner.scan(fields['text'], surface, `line ${lineNumber}`)) };
}

/** Ids are echoed only when they are plain strings or numbers (an object id could carry the text). */
function echoableId(id: unknown): string | number | null {
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

async function openFile(file: string): Promise<Readable> {
  await statOrUsage(file);
  return createReadStream(file);
}

async function readTextFile(file: string): Promise<string> {
  const size = await statOrUsage(file);
  if (size > MAX_TEXT_BYTES) throw new UsageError(`${file} is over ${MAX_TEXT_BYTES} bytes`);
  return readFile(file, 'utf8');
}

async function statOrUsage(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UsageError(`${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}`);
  }
}

async function readAll(input: Readable): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > MAX_TEXT_BYTES) throw new UsageError(`stdin is over ${MAX_TEXT_BYTES} bytes`);
    parts.push(bytes);
  }
  return Buffer.concat(parts).toString('utf8');
}
