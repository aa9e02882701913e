/**
 * What the router would do right now, for operators: every alias with its
 * targets in order, each with its suspension, breaker state and region rules.
 */
import type { RegionRules } from '../config/schema.ts';
import type { GatewayContext } from './context.ts';

export interface TargetOverview {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly breaker: string;
  readonly suspended?: string;
  readonly regions: RegionRules;
}

export function routingOverview(context: GatewayContext): {
  readonly aliases: Readonly<Record<string, readonly TargetOverview[]>>;
  readonly suspensions: number;
} {
  const matcher = context.suspensionMatcher();
  const breakers = context.router.breakerStates();
  const aliases: Record<string, TargetOverview[]> = {};
  for (const [alias, targets] of context.runtime().catalog.aliases) {
    aliases[alias] = targets.map((target) => {
      const suspension = matcher.match(target);
      return {
        id: target.id,
        provider: target.provider.name,
        model: target.model,
        breaker: breakers.get(target.id) ?? 'closed',
        ...(suspension === undefined ? {} : { suspended: suspension.reason }),
        regions: target.regions,
      };
    });
  }
  return { aliases, suspensions: matcher.size };
}
