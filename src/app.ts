/**
 * Wiring only: builds the gateway from its parts. No request logic lives
 * here; see `http/routes/chat.ts` for the request path.
 */
import type { Environment } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { storePath } from './config/store-path.ts';
import type { GatewayContext } from './gateway/context.ts';
import { buildRuntime, type Runtime, type RuntimeOptions } from './gateway/runtime.ts';
import type { DetectorOverrides } from './guards/registry.ts';
import { createDispatcher } from './http/dispatch.ts';
import { createAdminRoute } from './http/routes/admin.ts';
import { createChatRoute } from './http/routes/chat.ts';
import { createHealthRoute, createReadyRoute } from './http/routes/health.ts';
import { createMetricsRoute } from './http/routes/metrics.ts';
import { createModelsRoute } from './http/routes/models.ts';
import { startHttpServer, type HttpServer } from './http/server.ts';
import type { Logger } from './observability/logger.ts';
import { createGatewayMetrics, type GatewayMetrics } from './observability/gateway-metrics.ts';
import { requestMetricsHooks } from './gateway/request-metrics.ts';
import { createWorkerMetrics, processEndpoint } from './observability/cluster-metrics.ts';
import { createHttpBackend } from './providers/http-backend.ts';
import { anthropicAdapter } from './providers/anthropic/anthropic-adapter.ts';
import { azureOpenAiAdapter, openAiAdapter } from './providers/openai/adapter.ts';
import { createSimBackend } from './providers/sim/sim-backend.ts';
import type { ModelBackend, ProviderKind, Target } from './providers/types.ts';
import { createUpstreamClient, type UpstreamClient } from './providers/upstream-client.ts';
import { createRouter } from './routing/router.ts';
import { compileSuspensions, type SuspensionMatcher } from './routing/suspension-matcher.ts';
import { startSuspensionFeed, type SuspensionFeed } from './routing/suspension-feed.ts';
import type { Router } from './routing/types.ts';
import { openSqliteStore } from './store/sqlite/open-sqlite-store.ts';
import type { Store } from './store/types.ts';

export interface GatewayOptions {
  readonly config: Config;
  readonly environment: Environment;
  readonly logger: Logger;
  /** Override the listening port (tests use 0). */
  readonly port?: number;
  /** Running as a cluster worker: `/metrics` asks the primary for the merged view. */
  readonly clusterWorker?: boolean;
  /**
   * Test seam: guard detectors to use instead of the built ones, by detector
   * id (e.g. one that throws, to show the gateway fails closed). They apply
   * wherever a profile enables that id; reloads keep them.
   */
  readonly guardDetectors?: DetectorOverrides;
}

export interface Gateway {
  readonly url: string;
  readonly store: Store;
  readonly metrics: GatewayMetrics;
  /** Applies a new configuration; the old one keeps running if `config` is unusable. */
  reload(config: Config): void;
  /** Graceful stop: drain in-flight requests, flush and close the store. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { environment, logger } = options;
  const runtimeOptions: RuntimeOptions =
    options.guardDetectors === undefined ? {} : { guardDetectors: options.guardDetectors };
  let runtime: Runtime = buildRuntime(options.config, environment, runtimeOptions);
  const store = openSqliteStore({
    path: storePath(options.config),
    synchronous: options.config.store.synchronous,
  });
  const metrics = createGatewayMetrics();
  const endpoint = options.clusterWorker === true ? processEndpoint() : undefined;
  const workerMetrics =
    endpoint === undefined
      ? undefined
      : createWorkerMetrics({ registry: metrics.registry, endpoint });
  const upstream = createUpstreamClient();
  const backends = createBackends(upstream);

  const suspensionMatcher = revisionCached(store, () =>
    compileSuspensions(store.suspensions.list()),
  );
  const makeRouter = (config: Config): Router =>
    createRouter({
      routing: config.routing,
      backendFor: (target: Target) => backends(target.provider.kind),
      suspensions: suspensionMatcher,
      events: metrics.routerEvents(),
    });
  let router = makeRouter(options.config);
  let feed = startFeed(options.config, store, logger, metrics);
  let draining = false;

  const context: GatewayContext = {
    runtime: () => runtime,
    store,
    get router() {
      return router;
    },
    logger,
    metrics: requestMetricsHooks(metrics),
    openMode: () => runtime.openModeAllowed && store.keys.countActive() === 0,
    suspensionMatcher,
  };

  const dispatcher = createDispatcher(
    {
      chatCompletions: createChatRoute(context, 'openai'),
      messages: createChatRoute(context, 'anthropic'),
      models: createModelsRoute(context),
      admin: createAdminRoute(context),
      health: createHealthRoute(),
      ready: createReadyRoute(context, { draining: () => draining, feed: () => feed?.status() }),
      metrics: createMetricsRoute(
        metrics,
        () => {
          metrics.suspensionsActive.set(suspensionMatcher().size);
        },
        workerMetrics === undefined ? undefined : () => workerMetrics.requestClusterMetrics(2_000),
      ),
    },
    (error) => {
      logger.error('unhandled error in a route', {
        error: error instanceof Error ? error : new Error('non-error thrown'),
      });
    },
  );

  let server: HttpServer;
  try {
    server = await startHttpServer(dispatcher, {
      host: options.config.server.host,
      port: options.port ?? options.config.server.port,
      keepAliveTimeoutMs: options.config.server.keepAliveTimeoutMs,
      requestTimeoutMs: options.config.server.requestTimeoutMs,
    });
  } catch (error) {
    await feed?.stop();
    await upstream.destroy();
    await store.close();
    throw error;
  }

  return {
    url: server.url,
    store,
    metrics,
    reload(config) {
      const next = buildRuntime(config, environment, runtimeOptions);
      if (JSON.stringify(config.routing) !== JSON.stringify(runtime.config.routing)) {
        router = makeRouter(config);
      }
      if (JSON.stringify(config.suspensions) !== JSON.stringify(runtime.config.suspensions)) {
        void feed?.stop();
        feed = startFeed(config, store, logger, metrics);
      }
      runtime = next;
    },
    async close() {
      draining = true;
      await feed?.stop();
      await server.close(runtime.config.server.shutdownGraceMs);
      await upstream.close();
      await store.close();
      workerMetrics?.close();
    },
  };
}

function createBackends(upstream: UpstreamClient): (kind: ProviderKind) => ModelBackend {
  const openai = createHttpBackend(openAiAdapter, upstream);
  const azure = createHttpBackend(azureOpenAiAdapter, upstream);
  const anthropic = createHttpBackend(anthropicAdapter, upstream);
  const sim = createSimBackend();
  return (kind) => {
    switch (kind) {
      case 'openai':
        return openai;
      case 'azure-openai':
        return azure;
      case 'anthropic':
        return anthropic;
      case 'sim':
        return sim;
    }
  };
}

/**
 * A value derived from store data, recomputed only when the store's revision
 * changes (a key or suspension changed, in any process).
 */
function revisionCached<T>(store: Store, compute: () => T): () => T {
  let revision = -1;
  let value: T | undefined;
  return () => {
    const current = store.revision();
    if (value === undefined || current !== revision) {
      value = compute();
      revision = current;
    }
    return value;
  };
}

function startFeed(
  config: Config,
  store: Store,
  logger: Logger,
  metrics: GatewayMetrics,
): SuspensionFeed | undefined {
  const feedConfig = config.suspensions.feed;
  if (feedConfig === undefined) return undefined;
  return startSuspensionFeed({
    ...feedConfig,
    apply: async (entries) => {
      if (!(await store.suspensions.replaceFeed(entries))) return;
      // A kill-switch change from the compliance feed is on the record like
      // one made by an operator; the pattern list is bounded by the feed's limits.
      await store.audit.append({
        type: 'admin.suspension',
        data: {
          action: 'feed-replace',
          actor: 'feed',
          source: feedLocation(feedConfig.source),
          entries: entries.length,
          patterns: entries.slice(0, 100).map((entry) => entry.pattern),
        },
      });
    },
    onResult: (healthy) => {
      metrics.suspensionFeed(healthy);
      if (!healthy) logger.warn('suspension feed failed; keeping the last good list');
    },
  });
}

/** The feed's location without credentials a URL may carry (user info, query). */
function feedLocation(source: string): string {
  if (!/^https?:\/\//i.test(source)) return source;
  try {
    const url = new URL(source);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

export type { SuspensionMatcher };
