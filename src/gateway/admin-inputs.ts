/**
 * Inputs of administrative changes, validated the same way whether they come
 * from the admin API or the CLI.
 */
import { z } from 'zod';
import type { NewGatewayKey } from '../store/types.ts';

const region = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a lower-case region code');
/** Alias names and globs over them. */
const modelPattern = z
  .string()
  .regex(/^[A-Za-z0-9*?][A-Za-z0-9._:/*?-]{0,255}$/, 'must be a model alias or glob');

export const suspensionInputSchema = z.strictObject({
  /** A target id `provider/model`, a model name, or a glob over either. */
  pattern: z
    .string()
    .regex(/^[A-Za-z0-9*?][A-Za-z0-9._:/*?@-]{0,255}$/, 'must be a target, model or glob'),
  reason: z.string().trim().min(1, 'is required').max(500),
});

export const keyInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  models: z.array(modelPattern).max(256).optional(),
  region: region.optional(),
  rpm: z.number().int().min(1).max(10_000_000).optional(),
  labels: z
    .record(
      z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a simple label name'),
      z.string().max(256),
    )
    .refine((labels) => Object.keys(labels).length <= 64, 'has more than 64 labels')
    .optional(),
  allowDirect: z.boolean().optional(),
});

export type SuspensionInput = z.output<typeof suspensionInputSchema>;
export type KeyInput = z.output<typeof keyInputSchema>;

/** The validated input as the store's `NewGatewayKey` (absent fields left out, not undefined). */
export function toNewKey(input: KeyInput): NewGatewayKey {
  return {
    name: input.name,
    ...(input.models === undefined ? {} : { models: input.models }),
    ...(input.region === undefined ? {} : { region: input.region }),
    ...(input.rpm === undefined ? {} : { rpm: input.rpm }),
    ...(input.labels === undefined ? {} : { labels: input.labels }),
    ...(input.allowDirect === undefined ? {} : { allowDirect: input.allowDirect }),
  };
}
