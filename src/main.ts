/**
 * Start: load config → open store → listen → drain on SIGTERM.
 *
 * With more than one worker, the primary process forks one worker per core
 * (node:cluster shares the listening socket), relays SIGTERM and SIGHUP to
 * them, and answers their metrics requests by merging every worker's
 * registry. Workers share state through the store (SQLite in WAL mode).
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Gateway } from './app.ts';
import { storePath } from './config/store-path.ts';
import { ConfigError, loadConfig, type Environment } from './config/load.ts';
import type { Config } from './config/schema.ts';
import type { Logger } from './observability/logger.ts';
import { serveClusterMetrics } from './observability/cluster-metrics.ts';
import { openSqliteStore } from './store/sqlite/open-sqlite-store.ts';
import { startupBanner } from './startup-banner.ts';

export interface ServeOptions {
  readonly configFile: string | undefined;
  readonly environment: Environment;
  /** Makes the JSON logger once the configured level is known. */
  readonly makeLogger: (level: Config['logging']['level']) => Logger;
  readonly workers?: number;
  readonly port?: number;
  readonly host?: string;
  /** Where the startup banner goes (people, not the JSON log). */
  readonly print: (text: string) => void;
}

export async function serve(options: ServeOptions): Promise<void> {
  const loaded = loadConfig({ file: options.configFile, environment: options.environment });
  const config = withOverrides(loaded.config, options);
  const logger = options.makeLogger(config.logging.level);
  const workers = options.workers ?? resolveWorkers(config);

  if (workers <= 1) {
    const { startGateway } = await import('./app.ts');
    const gateway = await startGateway({ config, environment: options.environment, logger });
    options.print(
      startupBanner(config, gateway.url, storePath(config), gateway.store.keys.countActive(), 1),
    );
    handleSignals(gateway, options, logger, loaded.file);
    return;
  }

  if (cluster.isPrimary) {
    // Migrate once, before any worker opens the database.
    await openSqliteStore({
      path: storePath(config),
      synchronous: config.store.synchronous,
      walCheckpoint: 'inline',
    }).close();
    const stopMetrics = serveClusterMetrics(cluster);
    let stopping = false;
    let ready = 0;
    for (let index = 0; index < workers; index++) cluster.fork();
    cluster.on('listening', (_worker, address) => {
      ready++;
      if (ready === workers) {
        const store = openSqliteStore({
          path: storePath(config),
          synchronous: config.store.synchronous,
          walCheckpoint: 'inline',
        });
        const keys = store.keys.countActive();
        void store.close();
        options.print(
          startupBanner(
            config,
            `http://${config.server.host}:${address.port}`,
            storePath(config),
            keys,
            workers,
          ),
        );
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      logger.error('worker exited; starting a replacement', {
        pid: worker.process.pid ?? 0,
        code: code,
        signal: signal,
      });
      cluster.fork();
    });
    const relay = (signal: NodeJS.Signals): void => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    };
    process.on('SIGHUP', () => {
      relay('SIGHUP');
    });
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      stopMetrics();
      relay('SIGTERM');
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }

  // Loaded only where it runs: the cluster primary never needs the request path.
  const { startGateway } = await import('./app.ts');
  const gateway = await startGateway({
    config,
    environment: options.environment,
    logger,
    clusterWorker: true,
  });
  handleSignals(gateway, options, logger, loaded.file);
}

function handleSignals(
  gateway: Gateway,
  options: ServeOptions,
  logger: Logger,
  file: string | undefined,
): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: draining in-flight requests');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', {
          error: error instanceof Error ? error : new Error('shutdown failed'),
        });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', () => {
    try {
      const next = withOverrides(
        loadConfig({ file, environment: options.environment }).config,
        options,
      );
      gateway.reload(next);
      logger.info('configuration reloaded');
    } catch (error) {
      const problems =
        error instanceof ConfigError ? error.problems : [{ path: '(file)', message: 'unreadable' }];
      logger.error('reload failed; keeping the running configuration', {
        problems: problems.map((problem) => `${problem.path}: ${problem.message}`),
      });
    }
  });
}

function withOverrides(config: Config, options: ServeOptions): Config {
  if (options.port === undefined && options.host === undefined) return config;
  return {
    ...config,
    server: {
      ...config.server,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
    },
  };
}

function resolveWorkers(config: Config): number {
  return config.server.workers === 'auto' ? availableParallelism() : config.server.workers;
}
