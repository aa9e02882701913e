/** What `ringfence serve` prints for people once it listens. */
import type { Config } from './config/schema.ts';
import { isLoopback } from './gateway/runtime.ts';

export function startupBanner(
  config: Config,
  url: string,
  databasePath: string,
  activeKeys: number,
  workers: number,
): string {
  const aliases = Object.keys(config.models).sort();
  const example = aliases.includes('sim/echo') ? 'sim/echo' : (aliases[0] ?? 'your-alias');
  const open =
    activeKeys === 0 &&
    config.server.allowUnauthenticated === 'auto' &&
    isLoopback(config.server.host);
  const lines = [
    `ringfence listening on ${url} (${workers} worker${workers === 1 ? '' : 's'})`,
    `  data:      ${databasePath}`,
    `  providers: ${Object.keys(config.providers).sort().join(', ') || 'none'}`,
    `  models:    ${aliases.join(', ') || 'none'}`,
    open
      ? '  auth:      OPEN MODE: no gateway keys exist, so requests need none (loopback only).\n             Create one with `ringfence keys create --name <name>` to require keys.'
      : `  auth:      ${activeKeys} gateway key${activeKeys === 1 ? '' : 's'} active; requests need one`,
    '',
    'Try it:',
    `  curl -s ${url}/v1/chat/completions -H 'content-type: application/json' \\`,
    `    ${open ? '' : "-H 'authorization: Bearer <your gateway key>' "}-d '{"model":"${example}","messages":[{"role":"user","content":"Hello"}]}'`,
    '',
  ];
  return lines.join('\n');
}
