/**
 * The `guards` section of the configuration: which detectors run on which
 * surface of a request, and what each finding leads to (docs/guards.md).
 *
 * A profile maps, per surface, detector ids to actions; a detector not
 * named on a surface does not run there. Profiles are chosen per request by
 * `select` (first match wins) or fall back to `default`. The shipped
 * profiles are in `guard-profiles.ts`; a profile defined here replaces the
 * shipped one of the same name as a whole (no merging, so what runs is
 * exactly what is written).
 */
import { z } from 'zod';

/** The detectors the gateway ships; a profile naming any other id is a configuration error. */
export const GUARD_DETECTOR_IDS = [
  'injection',
  'secrets',
  'pii',
  'canary',
  'exfiltration',
  'hidden-text',
] as const;

export type GuardDetectorId = (typeof GUARD_DETECTOR_IDS)[number];

/** `env:NAME` (resolved at load) or a literal; see {@link guardsSchema} `canaries`. */
export const CANARY_REFERENCE = /^env:[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Shortest canary accepted: a short one would match ordinary text and block answers. */
export const MIN_CANARY_LENGTH = 8;

export const guardActionSchema = z.enum(['block', 'redact', 'flag', 'log'], {
  error: 'must be one of block, redact, flag, log',
});

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a detector rule id (e.g. jwt, model)');

/** `redact`, or `{ action: redact, rules: { jwt: flag } }` for per-rule overrides. */
export const guardActionSpecSchema = z.union([
  guardActionSchema,
  z.strictObject({
    action: guardActionSchema,
    /** Overrides for single rules of the detector, by rule id. */
    rules: z.record(ruleId, guardActionSchema).default({}),
  }),
]);

const surfaceActions = z
  .strictObject({
    injection: guardActionSpecSchema.optional(),
    secrets: guardActionSpecSchema.optional(),
    pii: guardActionSpecSchema.optional(),
    canary: guardActionSpecSchema.optional(),
    exfiltration: guardActionSpecSchema.optional(),
    'hidden-text': guardActionSpecSchema.optional(),
  } satisfies Record<GuardDetectorId, z.ZodType>)
  .default({});

export const guardProfileSchema = z.strictObject({
  /** Every turn of the conversation the caller sent, tool-call arguments included. */
  input: surfaceActions,
  /** Tool results in the conversation (OpenAI `role: tool`, Anthropic `tool_result`). */
  tool_output: surfaceActions,
  /** The model's answer: text and tool-call arguments, complete or streamed. */
  output: surfaceActions,
});

const threshold = z.number().min(0).max(1);
const profileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a profile name (letters, digits, . _ -)');
const glob = z.string().min(1).max(256);

export const guardSelectSchema = z.strictObject({
  /** Gateway key name globs (`ci-*`); absent means any key. */
  keys: z.array(glob).min(1).max(256).optional(),
  /** Model alias globs (`gpt-*`), as the caller named the model; absent means any. */
  models: z.array(glob).min(1).max(256).optional(),
  profile: profileName,
});

export const guardsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * Longest time one guard pass over a request surface may take (all
   * detectors, all texts); a pass over it refuses the request (fail closed).
   */
  timeBudgetMs: z.number().positive().max(60_000).default(50),
  /**
   * Strings that must never appear in an answer: `env:NAME` or a literal of
   * at least 8 characters. Never logged or audited.
   */
  canaries: z
    .array(
      z
        .string()
        .max(512)
        .refine(
          (value) => CANARY_REFERENCE.test(value) || value.length >= MIN_CANARY_LENGTH,
          `must be env:NAME or a literal of at least ${MIN_CANARY_LENGTH} characters`,
        ),
    )
    .max(64)
    .default([]),
  /** Plant a fresh canary token in each request's system prompt. */
  plantCanary: z.boolean().default(false),
  detectors: z
    .strictObject({
      injection: z
        .strictObject({
          /** Score thresholds overriding the shipped ones, per surface. */
          thresholds: z
            .strictObject({
              input: threshold.optional(),
              tool_output: threshold.optional(),
              output: threshold.optional(),
            })
            .optional(),
        })
        .optional(),
      secrets: z
        .strictObject({
          /** Only these secret rules run (default: all). */
          rules: z.array(ruleId).min(1).max(256).optional(),
        })
        .optional(),
      pii: z
        .strictObject({
          /** Locales for national identifiers and phone numbers, e.g. `us`, `gb`, `de`. */
          locales: z
            .array(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter locale code'))
            .max(64)
            .optional(),
          /** Only these PII types are reported (default: all). */
          types: z.array(ruleId).min(1).max(64).optional(),
        })
        .optional(),
      exfiltration: z
        .strictObject({
          /** Domains (and their subdomains) answers may link to or load from. */
          allowedDomains: z.array(z.string().min(1).max(253)).max(1000).optional(),
        })
        .optional(),
    })
    .prefault({}),
  /** Profiles by name; `default`, `strict` and `monitor` ship built in (guard-profiles.ts). */
  profiles: z.record(profileName, guardProfileSchema).default({}),
  /** Which profile a request uses: the first entry matching its key and model alias. */
  select: z.array(guardSelectSchema).max(1000).default([]),
});

export type GuardsConfig = z.output<typeof guardsSchema>;
export type GuardProfileConfig = z.output<typeof guardProfileSchema>;
export type GuardActionSpec = z.output<typeof guardActionSpecSchema>;
export type GuardSelectConfig = z.output<typeof guardSelectSchema>;
