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
import { resolveCanaries } from '../config/resolve-canaries.ts';
import { createGuardPipeline, type GuardPipeline } from '../guards/pipeline.ts';
import { buildDetectors, type DetectorOverrides } from '../guards/registry.ts';

export interface Runtime {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly limits: RequestLimits;
  readonly adminToken: Secret | undefined;
  /** Open mode is possible at all: allowed by config and bound to loopback only. */
  readonly openModeAllowed: boolean;
  /** Guard detectors and profiles of this configuration, built once (docs/guards.md). */
  readonly guards: GuardPipeline;
}

export interface RuntimeOptions {
  /** Test seam: guard detectors to use instead of the built ones (GatewayOptions.guardDetectors). */
  readonly guardDetectors?: DetectorOverrides;
}

export function buildRuntime(
  config: Config,
  environment: Environment,
  options: RuntimeOptions = {},
): Runtime {
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
    guards: createGuardPipeline(config.guards, {
      canaries: resolveCanaries(config.guards.canaries, environment),
      detectors: (used) => buildDetectors(config.guards, used, options.guardDetectors),
    }),
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
