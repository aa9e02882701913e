/**
 * Starts the gateway the way an operator does, through the real CLI
 * (`ringfence serve --config … --workers N --port …`), with a temporary data
 * directory and a generated config: the alias `bench` → the fast fake
 * upstream and `bench-slow` → the slow streaming one. Everything else is the
 * default configuration, so the audit log is on (digests of every request).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from './child-processes.ts';
import { childPids } from './proc-stats.ts';
import { removeDirectory, trackDirectory } from './temp-directories.ts';

/** `dist/src/cli/bin.js`, next to this compiled file's `dist/bench/`. */
const CLI = resolve(fileURLToPath(import.meta.url), '../../src/cli/bin.js');
const START_TIMEOUT_MS = 20_000;

export interface GatewayProcessOptions {
  readonly workers: number;
  readonly fastBaseUrl: string;
  readonly slowBaseUrl: string;
  /** The gateway's guards: the shipped defaults, every detector on every surface, or none. */
  readonly guards: GuardsSetting;
  /** When set, the gateway runs under `node --cpu-prof` and writes its profile here on exit. */
  readonly cpuProfileDirectory?: string;
  /** Extra node flags for the gateway (and, through cluster.fork, its workers), e.g. `--max-semi-space-size=4`. */
  readonly nodeFlags?: readonly string[];
}

export type GuardsSetting = 'default' | 'all' | 'off';

export interface GatewayProcess {
  readonly url: string;
  /** The primary and, with more than one worker, its cluster workers. */
  readonly pids: readonly number[];
  /** Creates a gateway key through the CLI (ends open mode) and returns its secret. */
  createKey(): Promise<string>;
  stop(): Promise<void>;
}

export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'ringfence-bench-'));
  trackDirectory(directory);
  const configFile = join(directory, 'ringfence.yaml');
  await writeFile(configFile, configText(directory, options), 'utf8');
  const port = await freePort();
  const nodeFlags = [
    ...(options.nodeFlags ?? []),
    ...(options.cpuProfileDirectory === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDirectory]),
  ];
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      CLI,
      'serve',
      '--config',
      configFile,
      '--workers',
      String(options.workers),
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let workers: readonly number[] = [];
  trackChild(child, () => workers);
  const stderr = tail(child);
  let url: string;
  try {
    url = await listening(child, stderr);
  } catch (error) {
    await stopChild(child, 2_000);
    await removeDirectory(directory);
    throw error;
  }
  const primary = child.pid ?? 0;
  workers = options.workers > 1 ? childPids(primary) : [];

  return {
    url,
    pids: [primary, ...workers],
    async createKey() {
      const output = await run(process.execPath, [
        CLI,
        'keys',
        'create',
        '--name',
        'bench',
        '--config',
        configFile,
        '--json',
      ]);
      const parsed = JSON.parse(output) as { key?: unknown };
      if (typeof parsed.key !== 'string')
        throw new Error('`ringfence keys create --json` printed no key');
      return parsed.key;
    },
    async stop() {
      // The gateway drains in-flight requests for up to shutdownGraceMs (15 s by default).
      await stopChild(child, 20_000, workers);
      await removeDirectory(directory);
    },
  };
}

function configText(directory: string, options: GatewayProcessOptions): string {
  // JSON is YAML: no quoting rules to get wrong for paths and URLs.
  return JSON.stringify(
    {
      dataDir: join(directory, 'data'),
      builtins: { envProviders: false },
      providers: {
        fake: { kind: 'openai', baseUrl: options.fastBaseUrl },
        // 200 concurrent slow streams need more than the default 128 connections per origin.
        slow: { kind: 'openai', baseUrl: options.slowBaseUrl, connections: 512 },
      },
      models: {
        bench: { targets: [{ provider: 'fake', model: 'gpt-4o-mini' }] },
        'bench-slow': { targets: [{ provider: 'slow', model: 'gpt-4o-mini' }] },
      },
      ...guardsConfig(options.guards),
    },
    null,
    2,
  );
}

const ALL_DETECTORS = ['injection', 'secrets', 'pii', 'canary', 'exfiltration', 'hidden-text'];

/**
 * `all` runs every detector on every surface with the non-blocking action
 * `log` (a configured `default` profile replaces the shipped one), so the
 * benchmark measures the whole scan cost without refusals.
 */
function guardsConfig(setting: GuardsSetting): object {
  switch (setting) {
    case 'default':
      return {};
    case 'off':
      return { guards: { enabled: false } };
    case 'all': {
      const everything = Object.fromEntries(ALL_DETECTORS.map((id) => [id, 'log']));
      return {
        guards: {
          canaries: ['rf-bench-canary-0123456789'],
          profiles: {
            default: { input: everything, tool_output: everything, output: everything },
          },
        },
      };
    }
  }
}

/** Resolves with the gateway URL once the startup banner is printed (all workers listen). */
function listening(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      fail(new Error('the gateway did not start in time'));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        cleanup();
        child.stdout?.resume();
        resolvePromise(match[1]);
      }
    };
    const onExit = (code: number | null): void => {
      fail(new Error(`the gateway exited (${String(code)})`));
    };
    function fail(error: Error): void {
      cleanup();
      reject(new Error(`${error.message}; stderr:\n${stderr()}`));
    }
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Keeps the last few KiB of the child's stderr for error messages. */
function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-8192);
  });
  return () => text;
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePromise(port);
      });
    });
  });
}

function run(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null)
        reject(new Error(`${file} ${args.join(' ')} failed: ${stderr}`, { cause: error }));
      else resolvePromise(stdout);
    });
  });
}
