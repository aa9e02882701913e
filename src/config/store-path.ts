import path from 'node:path';
import type { Config } from './schema.ts';

/** The database file: `store.path`, else `<dataDir>/ringfence.db`. */
export function storePath(config: Config): string {
  return path.resolve(config.store.path ?? path.join(config.dataDir, 'ringfence.db'));
}
