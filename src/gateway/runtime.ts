/**
 * The runtime: configuration and everything derived from it, swapped as one
 * immutable snapshot on reload (SIGHUP), so a request sees one consistent
 * configuration from start to end.
 */
import type { RequestLimits } from '../chat/limits.ts';
import { buildCatalog, type Catalog } from '../config/catalog.ts';
import type { Environment } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { Secret } from '../config/secret.ts';

export interface Runtime {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly limits: RequestLimits;
  readonly adminToken: Secret | undefined;
  /** Open mode is possible at all: allowed by config and bound to loopback only. */
  readonly openModeAllowed: boolean;
}

export function buildRuntime(config: Config, environment: Environment): Runtime {
  const reference = config.server.adminToken;
  const tokenValue = reference === undefined ? undefined : environment[reference.slice(4)];
  return Object.freeze({
    config,
    catalog: buildCatalog(config, environment),
    limits: Object.freeze({
      maxMessages: config.server.maxMessages,
      maxTools: config.server.maxTools,
      maxStringLength: config.server.bodyLimitBytes,
      maxPartsPerMessage: 1_000,
      maxStopSequences: 16,
    }),
    adminToken:
      reference === undefined || tokenValue === undefined
        ? undefined
        : new Secret(tokenValue, reference),
    openModeAllowed:
      config.server.allowUnauthenticated === 'auto' && isLoopback(config.server.host),
  });
}

export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
