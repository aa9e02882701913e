/**
 * Starts the real gateway in-process on a loopback port with a temporary
 * data directory, for end-to-end tests. Everything it opens is closed by
 * `close()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../src/app.ts';
import { validateConfig, type Environment } from '../../src/config/load.ts';
import type { Config, ConfigInput } from '../../src/config/schema.ts';
import type { DetectorOverrides } from '../../src/guards/registry.ts';
import { createLogger, silentLogger, type Logger } from '../../src/observability/logger.ts';

export interface TestGateway {
  readonly url: string;
  readonly gateway: Gateway;
  readonly config: Config;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startTestGateway(
  input: ConfigInput = {},
  environment: Environment = {},
  options: {
    readonly logger?: Logger;
    readonly keepDataDir?: string;
    /** Guard detectors replacing the built ones, by id (see GatewayOptions.guardDetectors). */
    readonly guardDetectors?: DetectorOverrides;
  } = {},
): Promise<TestGateway> {
  const dataDir = options.keepDataDir ?? mkdtempSync(path.join(tmpdir(), 'ringfence-test-'));
  const config = validateConfig(
    {
      ...input,
      dataDir,
      server: { port: 0, shutdownGraceMs: 2_000, ...input.server },
      logging: { level: 'silent' },
    },
    environment,
  );
  const gateway = await startGateway({
    config,
    environment,
    logger: options.logger ?? silentLogger,
    port: 0,
    ...(options.guardDetectors === undefined ? {} : { guardDetectors: options.guardDetectors }),
  });
  return {
    url: gateway.url,
    gateway,
    config,
    dataDir,
    async close() {
      await gateway.close();
      if (options.keepDataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logger that collects lines, for tests that check what is (not) logged. */
export function collectingLogger(): { readonly logger: Logger; readonly lines: string[] } {
  const lines: string[] = [];
  return {
    logger: createLogger({
      level: 'debug',
      destination: { write: (line: string) => lines.push(line) },
    }),
    lines,
  };
}
