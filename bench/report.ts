/**
 * The human-readable report: one row per figure, with the target and
 * PASS/MISS where the project has one.
 */
import type { RunFigures } from './figures.ts';
import type { BenchSettings } from './scenario-context.ts';

export interface Target {
  readonly name: string;
  readonly value: number;
  readonly comparison: '>=' | '<=' | '<';
  readonly limit: number;
  readonly unit: string;
  readonly pass: boolean;
}

/** The project's performance targets, checked against the (median) figures. */
export function checkTargets(figures: RunFigures): Target[] {
  const targets: Target[] = [];
  const add = (
    name: string,
    value: number | undefined,
    comparison: Target['comparison'],
    limit: number,
    unit: string,
  ): void => {
    if (value === undefined) return;
    const pass =
      comparison === '>=' ? value >= limit : comparison === '<=' ? value <= limit : value < limit;
    targets.push({ name, value, comparison, limit, unit, pass });
  };
  add(
    'non-streaming req/s per core of gateway CPU (audit on)',
    figures.gateway?.requestsPerCore,
    '>=',
    5_000,
    'req/s',
  );
  add(
    `added latency p50 at ${figures.latency?.ratePerSecond ?? 0} req/s`,
    figures.latency?.addedP50Ms,
    '<=',
    0.5,
    'ms',
  );
  add(
    `added latency p99 at ${figures.latency?.ratePerSecond ?? 0} req/s`,
    figures.latency?.addedP99Ms,
    '<=',
    2,
    'ms',
  );
  add('streaming TTFB overhead p50', figures.stream?.addedP50Ms, '<=', 1, 'ms');
  add(
    `gateway RSS with ${figures.memory?.streams ?? 0} concurrent streams`,
    figures.memory?.peakMiB,
    '<',
    150,
    'MiB',
  );
  return targets;
}

export function formatReport(figures: RunFigures, settings: BenchSettings, runs: number): string {
  const rows: string[][] = [];
  const row = (...cells: string[]): void => {
    rows.push(cells);
  };
  const { direct, gateway, auth, stream, latency, floor, memory } = figures;
  if (direct !== undefined) {
    row('(a) direct to upstream', 'req/s', count(direct.requestsPerSecond));
    row('', 'latency p50 / p97.5 / p99', triple(direct.p50Ms, direct.p975Ms, direct.p99Ms));
  }
  for (const [label, result] of [
    ['(b) gateway, open mode', gateway],
    ['(f) gateway, with key', auth],
  ] as const) {
    if (result === undefined) continue;
    row(label, 'req/s', count(result.requestsPerSecond));
    row('', 'latency p50 / p97.5 / p99', triple(result.p50Ms, result.p975Ms, result.p99Ms));
    row(
      '',
      'gateway CPU',
      `${result.cpu.gatewaySeconds.toFixed(2)} s in ${result.seconds.toFixed(1)} s`,
    );
    row('', 'req/s per core of gateway CPU', count(result.requestsPerCore));
    row(
      '',
      'CPU upstream / load generator / other processes',
      `${result.cpu.upstreamSeconds.toFixed(2)} s / ${result.cpu.loadGeneratorSeconds.toFixed(2)} s / ${result.cpu.otherSeconds.toFixed(2)} s`,
    );
    row('', 'machine busy (all cores)', `${(result.cpu.machineBusy * 100).toFixed(0)} %`);
  }
  if (stream !== undefined) {
    row(
      `(c) streaming TTFB at ${stream.ratePerSecond} req/s`,
      'direct p50 / p99',
      pair(stream.directP50Ms, stream.directP99Ms),
    );
    row('', 'gateway p50 / p99', pair(stream.gatewayP50Ms, stream.gatewayP99Ms));
    row('', 'overhead p50 / p99', pair(stream.addedP50Ms, stream.addedP99Ms));
    row('', 'CPU of other processes', `${stream.otherCpuSeconds.toFixed(2)} s`);
  }
  if (latency !== undefined) {
    row(
      `(d) latency at ${latency.ratePerSecond} req/s`,
      'direct p50 / p99',
      pair(latency.directP50Ms, latency.directP99Ms),
    );
    row('', 'gateway p50 / p99', pair(latency.gatewayP50Ms, latency.gatewayP99Ms));
    row('', 'added p50 / p99', pair(latency.addedP50Ms, latency.addedP99Ms));
    row('', 'gateway CPU per request', `${latency.gatewayCpuPerRequestUs.toFixed(0)} µs`);
    row('', 'CPU of other processes', `${latency.otherCpuSeconds.toFixed(2)} s`);
  }
  if (floor !== undefined) {
    row(
      `(g) minimal proxy at ${floor.ratePerSecond} req/s`,
      'proxy p50 / p99',
      pair(floor.gatewayP50Ms, floor.gatewayP99Ms),
    );
    row('', 'added p50 / p99', pair(floor.addedP50Ms, floor.addedP99Ms));
  }
  if (memory !== undefined) {
    row(
      `(e) ${memory.streams} concurrent streams`,
      'gateway RSS before',
      `${memory.beforeMiB.toFixed(1)} MiB`,
    );
    row('', 'gateway RSS peak (sum)', `${memory.peakMiB.toFixed(1)} MiB`);
    row('', 'gateway PSS at the peak (sum)', `${memory.pssAtPeakMiB.toFixed(1)} MiB`);
    row(
      '',
      'per process (primary first)',
      memory.perProcessMiB.map((value) => value.toFixed(1)).join(' + '),
    );
  }
  const header = `ringfence gateway benchmark: ${settings.workers} worker(s), ${settings.durationSeconds} s per scenario, median of ${runs} run(s); ${settings.conversationKb > 0 ? `${settings.conversationKb} KB conversation` : 'short request'}; guards ${settings.guards}`;
  const targets = checkTargets(figures).map(
    (target) =>
      `  ${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${decimal(target.value)} ${target.unit} (target ${target.comparison} ${target.limit} ${target.unit})`,
  );
  return [header, table(rows), 'targets:', ...targets].join('\n');
}

function table(rows: readonly string[][]): string {
  const widths = [0, 0, 0];
  for (const cells of rows)
    cells.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n');
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function decimal(value: number): string {
  return Math.abs(value) >= 100 ? count(value) : value.toFixed(3);
}

function pair(first: number, second: number): string {
  return `${first.toFixed(3)} / ${second.toFixed(3)} ms`;
}

function triple(first: number, second: number, third: number): string {
  return `${first.toFixed(3)} / ${second.toFixed(3)} / ${third.toFixed(3)} ms`;
}
