/** Argument parsing shared by commands (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { storePath } from '../config/store-path.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/open-sqlite-store.ts';
import { UsageError, type CommandIo } from './output.ts';

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parseCommand<const Options extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: Options,
): ReturnType<
  typeof parseArgs<{
    args: string[];
    options: Options & typeof COMMON_OPTIONS;
    allowPositionals: true;
    strict: true;
  }>
> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'invalid arguments');
  }
}

export function commandConfig(configFile: string | undefined, io: CommandIo): Config {
  return loadConfig({ file: configFile, environment: io.environment }).config;
}

/** Opens the gateway's store (the same file a running gateway uses), runs `work`, closes. */
export async function withStore<T>(
  config: Config,
  work: (store: SqliteStore) => Promise<T> | T,
): Promise<T> {
  // A short-lived command checkpoints inline rather than starting a worker thread.
  const store = openSqliteStore({
    path: storePath(config),
    synchronous: config.store.synchronous,
    walCheckpoint: 'inline',
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
