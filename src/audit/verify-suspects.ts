/**
 * Tells edited entries from reordered ones, once all rows have been seen.
 *
 * A suspect is a row whose content does not hash to its stored hash where it
 * sits. It is reordered (an intact entry in the wrong place) when either:
 * - its links point to another position `t` (the row whose broken link
 *   claims its hash sits at t+1, or its `prevHash` is the hash of a row at
 *   t-1 whose successor does not link to it) and it hashes correctly with
 *   `seq = t`: the whole row, hash columns included, was moved; or
 * - its content hashes correctly with another suspect's `seq` and
 *   `prevHash` to that suspect's hash: the content was moved and the hash
 *   columns were left behind.
 * Anything else that fails its hash was edited.
 */
import type { AuditProblem } from '../store/types.ts';

import { chainHash, GENESIS_HASH } from './hash-chain.ts';
import type { ChainRow } from './hash-chain.ts';

/** Links that did not close where they should have, collected while streaming. */
export interface OpenLinks {
  /** A `prevHash` → seq of the row claiming it, where it is not the previous row's hash. */
  readonly claimedBy: Map<string, number>;
  /** A hash → seq of the row whose successor does not link to it. */
  readonly unclaimed: Map<string, number>;
}

export interface SuspectClassification {
  readonly problems: readonly AuditProblem[];
  /** Positions holding an entry that belongs elsewhere. */
  readonly reordered: ReadonlySet<number>;
}

/** Suspects compared pairwise for swapped contents; the check is quadratic. */
const PAIRWISE_LIMIT = 256;
/** Rounds of following moved neighbours; a block of r rows moved together resolves in about r/2. */
const MAX_RESOLVE_ROUNDS = 16;

export function classifySuspects(
  suspects: ReadonlyMap<number, ChainRow>,
  links: OpenLinks,
): SuspectClassification {
  const problems: AuditProblem[] = [];
  const reordered = new Set<number>();
  const remaining: ChainRow[] = [];

  const homes = resolveHomes(suspects, links);
  for (const row of suspects.values()) {
    const home = homes.get(row.seq);
    if (home === undefined) {
      remaining.push(row);
      continue;
    }
    reordered.add(row.seq);
    problems.push({
      kind: 'reordered',
      seq: row.seq,
      detail: `entry ${home} was found at seq ${row.seq}`,
    });
  }

  const pairable = remaining.length <= PAIRWISE_LIMIT ? remaining : [];
  for (const row of remaining) {
    const owner = pairable.find(
      (other) => other.seq !== row.seq && hashesAt(row, other.seq, other.prevHash, other.hash),
    );
    if (owner === undefined) {
      problems.push({
        kind: 'edited',
        seq: row.seq,
        detail: `entry ${row.seq} does not match its hash`,
      });
    } else {
      reordered.add(row.seq);
      problems.push({
        kind: 'reordered',
        seq: row.seq,
        detail: `the content of entry ${owner.seq} was found at seq ${row.seq}`,
      });
    }
  }
  return { problems, reordered };
}

/**
 * Finds where moved rows belong. A row's neighbours by hash (the row claiming
 * its hash, the row whose hash it claims) or by position (within a block
 * moved together) may themselves have been moved, so their positions are
 * taken as resolved so far and the search repeats until nothing new resolves. Every candidate is confirmed by hashing the row at
 * that `seq`, so a wrong guess can never classify a row.
 */
function resolveHomes(
  suspects: ReadonlyMap<number, ChainRow>,
  links: OpenLinks,
): ReadonlyMap<number, number> {
  const homes = new Map<number, number>();
  const homeOf = (position: number): number | undefined =>
    suspects.has(position) ? homes.get(position) : position;
  for (let round = 0; round < MAX_RESOLVE_ROUNDS; round++) {
    let progress = false;
    for (const row of suspects.values()) {
      if (homes.has(row.seq)) continue;
      const candidates: number[] = [];
      const successor = links.claimedBy.get(row.hash);
      if (successor !== undefined) candidates.push(successor - 1, (homeOf(successor) ?? 0) - 1);
      const predecessor = links.unclaimed.get(row.prevHash);
      if (predecessor !== undefined) {
        candidates.push(predecessor + 1, (homeOf(predecessor) ?? -1) + 1);
      }
      if (row.prevHash === GENESIS_HASH) candidates.push(1);
      // Rows moved as a block keep their links to each other: follow a moved neighbour.
      const before = homes.get(row.seq - 1);
      if (before !== undefined) candidates.push(before + 1);
      const after = homes.get(row.seq + 1);
      if (after !== undefined) candidates.push(after - 1);
      const home = candidates.find(
        (seq) => seq > 0 && seq !== row.seq && hashesAt(row, seq, row.prevHash, row.hash),
      );
      if (home !== undefined) {
        homes.set(row.seq, home);
        progress = true;
      }
    }
    if (!progress) break;
  }
  return homes;
}

/** Whether the row's content, placed at `seq` after `prevHash`, hashes to `hash`. */
function hashesAt(row: ChainRow, seq: number, prevHash: string, hash: string): boolean {
  return chainHash(prevHash, { ...row, seq }) === hash;
}
