/**
 * The configuration schema: the single source of the `Config` type.
 *
 * Every object is strict (an unknown key is an error: a typo in a security
 * setting must not silently do nothing). Secrets are given by reference
 * (`env:NAME`) and resolved in `load.ts`, never written inline.
 */
import { z } from 'zod';
import { guardsSchema } from './guards-schema.ts';

/** `env:NAME`: the secret is read from the environment variable NAME at load time. */
export const secretRef = z
  .string()
  .regex(/^env:[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be a reference of the form env:NAME');

const durationMs = z.number().int().nonnegative().max(86_400_000);
const positiveInt = z.number().int().positive();
const region = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a lower-case region code');
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be a simple name');

export const regionRulesSchema = z.strictObject({
  /** Regions that may use this target; absent means any region not denied. */
  allow: z.array(region).optional(),
  /** Regions that may never use this target; wins over `allow`. */
  deny: z.array(region).optional(),
});

/**
 * An upstream base URL. `z.url()` alone takes any scheme, so the common slip
 * `localhost:11434/v1` (scheme `localhost:`) would load and then fail every
 * request; providers speak HTTP, so only http(s) is accepted.
 */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const providerCommon = {
  /** Extra headers sent upstream (not secrets: use apiKey for credentials). */
  headers: z.record(z.string(), z.string()).optional(),
  regions: regionRulesSchema.optional(),
  /** Upstream connections kept per origin. */
  connections: positiveInt.max(4096).optional(),
};

export const providerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('openai'),
    /** Any OpenAI-compatible base URL (vLLM, Ollama, llama.cpp, LM Studio), ending before `/chat/completions`. */
    baseUrl: httpUrl.default('https://api.openai.com/v1'),
    apiKey: secretRef.optional(),
    organization: z.string().optional(),
    ...providerCommon,
  }),
  z.strictObject({
    kind: z.literal('azure-openai'),
    /** `https://{resource}.openai.azure.com`; deployments are the targets' `model`. */
    baseUrl: httpUrl,
    apiKey: secretRef,
    apiVersion: z.string().default('2024-10-21'),
    ...providerCommon,
  }),
  z.strictObject({
    kind: z.literal('anthropic'),
    baseUrl: httpUrl.default('https://api.anthropic.com'),
    apiKey: secretRef.optional(),
    version: z.string().default('2023-06-01'),
    ...providerCommon,
  }),
  z.strictObject({
    kind: z.literal('sim'),
    regions: regionRulesSchema.optional(),
  }),
]);

export const targetSchema = z.strictObject({
  /** A key of `providers`. */
  provider: name,
  /** The upstream model (or Azure deployment) name. */
  model: z.string().min(1).max(256),
  /** Per-attempt timeout for this target; defaults to `routing.attemptTimeoutMs`. */
  timeoutMs: durationMs.optional(),
  /** Used when the caller gave no max tokens and the provider requires one (Anthropic). */
  defaultMaxTokens: positiveInt.max(1_000_000).optional(),
  regions: regionRulesSchema.optional(),
});

export const aliasSchema = z.strictObject({
  description: z.string().max(1000).optional(),
  /** Tried in order: the first healthy, unsuspended, region-allowed target serves. */
  targets: z.array(targetSchema).min(1).max(16),
});

export const routingSchema = z.strictObject({
  attemptTimeoutMs: durationMs.default(60_000),
  /** Overall deadline for one request, all retries and fallbacks included. */
  deadlineMs: durationMs.default(120_000),
  /** Hard cap on upstream attempts for one request, across all targets. */
  maxAttempts: positiveInt.max(20).default(6),
  retry: z
    .strictObject({
      /** Retries of the same target before falling back to the next. */
      maxRetriesPerTarget: z.number().int().min(0).max(10).default(1),
      baseDelayMs: durationMs.default(100),
      maxDelayMs: durationMs.default(4_000),
      /** Honour upstream `Retry-After` up to this long; longer waits fall back instead. */
      maxRetryAfterMs: durationMs.default(10_000),
      /**
       * Retry budget: retries may add at most this fraction of recent request
       * volume (plus `minRetriesPerSecond`), so a failing upstream is not
       * hammered by retry storms (as in Finagle's and Envoy's budgets).
       */
      budgetRatio: z.number().min(0).max(10).default(0.2),
      minRetriesPerSecond: z.number().min(0).max(10_000).default(5),
    })
    .prefault({}),
  breaker: z
    .strictObject({
      /** Consecutive failures that open a target's circuit. */
      failureThreshold: positiveInt.max(1000).default(5),
      /** How long an open circuit stays open before one half-open probe. */
      cooldownMs: durationMs.default(30_000),
    })
    .prefault({}),
  /** Whether keys may name `provider/model` directly instead of an alias (per key too). */
  allowDirectModels: z.boolean().default(false),
});

export const suspensionFeedSchema = z.strictObject({
  /** An http(s) URL or a file path serving a JSON list of suspensions. */
  source: z.string().min(1).max(2048),
  intervalMs: durationMs.min(1_000).default(60_000),
  /** Request timeout for URL feeds. */
  timeoutMs: durationMs.default(10_000),
});

export const serverSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8787),
  /** Worker processes; `auto` is one per core. */
  workers: z.union([z.literal('auto'), positiveInt.max(256)]).default('auto'),
  bodyLimitBytes: positiveInt.max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  maxJsonDepth: positiveInt.max(1000).default(64),
  maxMessages: positiveInt.max(100_000).default(2_000),
  maxTools: positiveInt.max(10_000).default(256),
  /** How long SIGTERM waits for in-flight requests before closing them. */
  shutdownGraceMs: durationMs.default(15_000),
  keepAliveTimeoutMs: durationMs.default(65_000),
  /**
   * Longest time to receive a whole request (headers and body) from a client;
   * a client stalling its upload is cut off. Answers, streams included, are
   * not limited by it.
   */
  requestTimeoutMs: durationMs.min(1_000).default(300_000),
  /** Admin API token (bearer). Without one the admin API is disabled. */
  adminToken: secretRef.optional(),
  /**
   * Serve without gateway keys. Only honoured on a loopback host; the
   * default when no key exists yet, so the quick start needs none.
   */
  allowUnauthenticated: z.enum(['auto', 'never']).default('auto'),
});

export const storeSchema = z.strictObject({
  kind: z.literal('sqlite').default('sqlite'),
  /** Defaults to `<dataDir>/ringfence.db`. */
  path: z.string().optional(),
  /**
   * `normal`: WAL with synchronous=NORMAL, survives a process crash.
   * `full`: synchronous=FULL, also survives power loss, at a latency cost.
   */
  synchronous: z.enum(['normal', 'full']).default('normal'),
});

export const auditSchema = z.strictObject({
  /** `none`: digests only. `redacted`: bodies too, with secrets redacted. */
  bodies: z.enum(['none', 'redacted']).default('none'),
  /** Longest body kept when `bodies: redacted`. */
  maxBodyBytes: positiveInt.max(16 * 1024 * 1024).default(256 * 1024),
});

export const loggingSchema = z.strictObject({
  level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** Alias names may contain `/` so the built-in `sim/echo` reads like a model id. */
const aliasName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/,
    'must be a model alias (letters, digits, . _ : / -)',
  );

export const builtinsSchema = z.strictObject({
  /** Register the `sim` provider and the `sim/echo`, `sim/obedient`, `sim/scripted` aliases. */
  simModels: z.boolean().default(true),
  /** Register `openai` / `anthropic` providers when OPENAI_API_KEY / ANTHROPIC_API_KEY are set. */
  envProviders: z.boolean().default(true),
});

export const configSchema = z.strictObject({
  /** Where the embedded store and other state live. */
  dataDir: z.string().default('./.ringfence'),
  builtins: builtinsSchema.prefault({}),
  server: serverSchema.prefault({}),
  store: storeSchema.prefault({}),
  audit: auditSchema.prefault({}),
  logging: loggingSchema.prefault({}),
  providers: z.record(name, providerSchema).default({}),
  models: z.record(aliasName, aliasSchema).default({}),
  routing: routingSchema.prefault({}),
  suspensions: z.strictObject({ feed: suspensionFeedSchema.optional() }).prefault({}),
  /** Guardrails: detectors, actions per surface, profiles (docs/guards.md). */
  guards: guardsSchema.prefault({}),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ProviderConfig = z.output<typeof providerSchema>;
export type TargetConfig = z.output<typeof targetSchema>;
export type AliasConfig = z.output<typeof aliasSchema>;
export type RoutingConfig = z.output<typeof routingSchema>;
export type RegionRules = z.output<typeof regionRulesSchema>;
