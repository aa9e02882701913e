/**
 * Runs the BUILT command line (`node dist/src/cli/bin.js …`) as a child
 * process, the way an operator runs `ringfence`. `npm test` builds first;
 * when running vitest directly, run `npm run build` after changing `src/`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` (npm test does) before these tests`);
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
      { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd }, timeout: 15_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}
