/**
 * Runs the BUILT command line (`node dist/src/cli/bin.js …`) as a child
 * process, the way an operator runs `ringfence`. `npm test` builds first;
 * when running vitest directly, run `npm run build` after changing `src/`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILT_CLI = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails loudly (never skips) when the build is missing. */
export function assertCliBuilt(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(
      `${BUILT_CLI} is missing: run \`npm run build\` (npm test does) before these tests`,
    );
  }
}

/**
 * Runs `ringfence …args` in `cwd` with a clean environment (no provider keys,
 * no RINGFENCE_CONFIG), so `./ringfence.yaml` in `cwd` is the configuration.
 */
export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      {
        cwd,
        env: { PATH: process.env['PATH'] ?? '', HOME: cwd },
        timeout: 15_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          // Killed (timeout) or never started: not an exit code to assert on.
          reject(new Error(`ringfence ${args.join(' ')} did not exit normally`, { cause: error }));
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

export interface CliWorkspace {
  /** The working directory, holding `ringfence.yaml`. */
  readonly dir: string;
  /** Runs `ringfence …args` in the workspace. */
  run(...args: string[]): Promise<CliResult>;
  /** Replaces `ringfence.yaml` (YAML is a superset of JSON, so objects are written as JSON). */
  writeConfig(config: unknown): void;
  dispose(): void;
}

/** A temporary working directory with `ringfence.yaml`; `dataDir` defaults to `./data` inside it. */
export function createCliWorkspace(config: Readonly<Record<string, unknown>> = {}): CliWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringfence-cli-'));
  const writeConfig = (next: unknown): void => {
    writeFileSync(
      path.join(dir, 'ringfence.yaml'),
      typeof next === 'string' ? next : JSON.stringify(next, null, 2),
    );
  };
  writeConfig({ dataDir: './data', ...config });
  return {
    dir,
    run: (...args) => runCli(args, dir),
    writeConfig,
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
