/**
 * Data-residency rules: may a key from `region` be served by a target?
 *
 * - `deny` wins: a region on the deny list is refused even if also allowed.
 * - An `allow` list means only those regions; an empty `allow` list admits
 *   no one (the operator listed nobody).
 * - A key with no region (`''`) cannot prove it belongs to an allowed
 *   region, so it is refused by any target with an `allow` list, and is
 *   served only by targets without one. Failing closed is the point of a
 *   residency rule.
 */
/** `RegionRules` from config, read-only. */
export interface RegionRuleSet {
  readonly allow?: readonly string[] | undefined;
  readonly deny?: readonly string[] | undefined;
}

export function isRegionAllowed(rules: RegionRuleSet, region: string): boolean {
  const { allow, deny } = rules;
  if (deny !== undefined && region !== '' && deny.includes(region)) return false;
  if (allow === undefined) return true;
  return region !== '' && allow.includes(region);
}
