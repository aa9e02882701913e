/**
 * Gateway load benchmark, on loopback only, every phase time-bounded.
 *
 *   npm run bench -- [--workers N] [--duration S] [--runs N]
 *     [--scenarios direct,gateway,stream,latency,floor,memory,auth | a,b,c,d,g,e,f]
 *     [--connections 50] [--latency-rate 1000] [--stream-rate 200]
 *     [--streams 200] [--warmup S] [--cpu-prof DIR] [--json]
 *     [--conversation-kb N] [--guards default|all|off]
 *     [--gateway-node-flags=--max-semi-space-size=4]
 *
 * Processes: this one (load generator: autocannon and an open-loop client),
 * a forked fake upstream (fast OpenAI fake + slow streaming fake), and the
 * gateway started through its real CLI with a temporary data directory, the
 * default configuration (audit log on) and no keys (open mode); scenario
 * (f) then creates one key with the CLI and measures with authentication.
 *
 * Scenarios, always run in this order:
 *   a direct   closed-loop req/s and latency straight to the fake upstream
 *   b gateway  the same through the gateway; gateway CPU → req/s per core
 *   c stream   streaming time to first byte at a fixed rate, direct vs gateway
 *   d latency  latency at a fixed 1,000 req/s, direct vs gateway
 *   g floor    as (d) through a minimal Node.js proxy instead of the gateway
 *   e memory   gateway RSS with 200 slow streams open at once
 *   f auth     as (b) with a gateway key (ends open mode, so it runs last)
 *
 * With --runs N the whole sequence is repeated on fresh processes and the
 * median of each figure is reported. Every child process is stopped at the
 * end, on errors and on Ctrl-C.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { stopAllChildren } from './child-processes.ts';
import { medianFigures, rangeFigures, type RunFigures } from './figures.ts';
import { startGatewayProcess, type GuardsSetting } from './gateway-process.ts';
import { procAvailable } from './proc-stats.ts';
import { checkTargets, formatReport } from './report.ts';
import type { BenchSettings, ScenarioContext } from './scenario-context.ts';
import { streamMemory } from './scenario-memory.ts';
import { startMinimalProxy } from './minimal-proxy-handle.ts';
import { addedLatency, minimalProxyLatency, streamFirstByte } from './scenario-paced.ts';
import { directThroughput, gatewayThroughput } from './scenario-throughput.ts';
import { removeAllDirectoriesSync } from './temp-directories.ts';
import { startUpstream } from './upstream-handle.ts';
import { machine } from './machine.ts';

const SCENARIOS = ['direct', 'gateway', 'stream', 'latency', 'floor', 'memory', 'auth'] as const;
type Scenario = (typeof SCENARIOS)[number];
const LETTERS: Readonly<Record<string, Scenario>> = {
  a: 'direct',
  b: 'gateway',
  c: 'stream',
  d: 'latency',
  e: 'memory',
  f: 'auth',
  g: 'floor',
};

const { values } = parseArgs({
  options: {
    workers: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    runs: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    connections: { type: 'string', default: '50' },
    'latency-rate': { type: 'string', default: '1000' },
    'stream-rate': { type: 'string', default: '200' },
    streams: { type: 'string', default: '200' },
    'conversation-kb': { type: 'string', default: '0' },
    guards: { type: 'string', default: 'default' },
    'cpu-prof': { type: 'string' },
    'gateway-node-flags': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const settings: BenchSettings = {
  workers:
    values.workers === undefined
      ? availableParallelism()
      : bounded(values.workers, 'workers', 1, 64),
  durationSeconds: bounded(values.duration, 'duration', 1, 600),
  warmupSeconds: bounded(values.warmup, 'warmup', 0, 60),
  connections: bounded(values.connections, 'connections', 1, 1_000),
  latencyRate: bounded(values['latency-rate'], 'latency-rate', 1, 100_000),
  streamRate: bounded(values['stream-rate'], 'stream-rate', 1, 100_000),
  streams: bounded(values.streams, 'streams', 1, 5_000),
  conversationKb: bounded(values['conversation-kb'], 'conversation-kb', 0, 512),
  guards: parseGuards(values.guards),
};
const runs = bounded(values.runs, 'runs', 1, 20);
const selected = parseScenarios(values.scenarios);

function bounded(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseGuards(text: string): GuardsSetting {
  if (text === 'default' || text === 'all' || text === 'off') return text;
  throw new Error('--guards must be default, all or off');
}

function parseScenarios(text: string): ReadonlySet<Scenario> {
  const chosen = new Set<Scenario>();
  for (const part of text.split(',').map((item) => item.trim().toLowerCase())) {
    const scenario = LETTERS[part] ?? SCENARIOS.find((name) => name === part);
    if (scenario === undefined)
      throw new Error(`unknown scenario "${part}"; use ${SCENARIOS.join(', ')} or a–g`);
    chosen.add(scenario);
  }
  return chosen;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function oneRun(run: number): Promise<RunFigures> {
  const upstream = await startUpstream({ slowIntervalMs: 100, slowChunks: 40 });
  try {
    const gateway = await startGatewayProcess({
      workers: settings.workers,
      fastBaseUrl: upstream.fastBaseUrl,
      slowBaseUrl: upstream.slowBaseUrl,
      guards: settings.guards,
      ...(values['cpu-prof'] === undefined ? {} : { cpuProfileDirectory: values['cpu-prof'] }),
      ...(values['gateway-node-flags'] === undefined
        ? {}
        : { nodeFlags: values['gateway-node-flags'].split(' ').filter((flag) => flag !== '') }),
    });
    try {
      const context: ScenarioContext = { upstream, gateway, settings, log };
      const figures: RunFigures = {};
      for (const scenario of SCENARIOS) {
        if (!selected.has(scenario)) continue;
        log(`run ${run}/${runs}: ${scenario}…`);
        switch (scenario) {
          case 'direct':
            figures.direct = await directThroughput(context);
            break;
          case 'gateway':
            figures.gateway = await gatewayThroughput(context);
            break;
          case 'stream':
            figures.stream = await streamFirstByte(context);
            break;
          case 'latency':
            figures.latency = await addedLatency(context);
            break;
          case 'floor': {
            const proxy = await startMinimalProxy(new URL(upstream.fastBaseUrl).origin);
            try {
              figures.floor = await minimalProxyLatency(context, proxy);
            } finally {
              await proxy.stop();
            }
            break;
          }
          case 'memory':
            figures.memory = await streamMemory(context);
            break;
          case 'auth':
            figures.auth = await gatewayThroughput(context, await gateway.createKey());
            break;
        }
      }
      return figures;
    } finally {
      await gateway.stop();
    }
  } finally {
    await upstream.stop();
  }
}

async function main(): Promise<void> {
  if (!procAvailable())
    throw new Error('the benchmark reads /proc for CPU and memory: run it on Linux');
  const info = machine();
  log(
    `machine: ${info.cpuModel}, ${info.cores} cores, node ${info.node}, load average ${info.loadAverageAtStart}`,
  );
  const results: RunFigures[] = [];
  for (let run = 1; run <= runs; run++) results.push(await oneRun(run));
  const figures = medianFigures(results);
  const report = formatReport(figures, settings, runs);
  if (values.json) {
    log(report);
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: info,
          settings,
          runs: results,
          median: figures,
          ...rangeFigures(results),
          targets: checkTargets(figures),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(`${report}\n`);
  }
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  log('interrupted: stopping child processes');
  void stopAllChildren(3_000).finally(() => {
    removeAllDirectoriesSync();
    process.exit(130);
  });
});

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  log(`benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await stopAllChildren(5_000);
}
