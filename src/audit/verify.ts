/**
 * Verification of the audit hash chain, as a pure function over the stored
 * rows (ascending `seq`, streamed) and the head anchor, so it is testable on
 * its own and reusable by any store.
 *
 * How each kind of tampering shows, and how it is told apart:
 * - **edited**: an entry whose content no longer hashes to its stored hash,
 *   and which is not some other entry's intact content in the wrong place.
 *   An edit that also recomputed the entry's hash shows instead as a
 *   broken link at the next entry (or at the anchor, for the last one).
 * - **deleted**: a gap in `seq` (one problem per gap, at its first seq).
 * - **reordered**: an entry found at the wrong `seq`. Because `seq` is
 *   hashed, a moved entry fails its hash check where it now sits; it is
 *   reordered, not edited, when it hashes correctly at the position its
 *   links point to (the entry claiming its hash as `prevHash` is at t+1, or
 *   the entry whose hash is its `prevHash` is at t-1), or when its content
 *   hashes correctly with another failing position's `seq` and `prevHash`
 *   (contents swapped but hash columns left in place). The broken links a
 *   move causes around it are then explained and not reported again.
 * - **truncated**: the head anchor is ahead of the last entry.
 * - **broken-link**: an entry's `prevHash` is not the previous entry's hash
 *   and nothing above explains it; also the anchor not matching the last
 *   entry's hash, entries beyond the anchor, or a missing anchor.
 *
 * Memory is bounded by the number of anomalies, not the log size: only
 * suspicious rows and open links are kept, with the caps below.
 */
import type { AuditProblem, AuditVerifyReport } from '../store/types.ts';

import type { AuditHead } from './audit-head.ts';
import { chainHash, GENESIS_HASH } from './hash-chain.ts';
import type { ChainRow } from './hash-chain.ts';
import { classifySuspects } from './verify-suspects.ts';
import type { OpenLinks } from './verify-suspects.ts';

export interface VerifyOptions {
  /**
   * Heads recorded outside the database (external anchors). The only
   * defence against someone who rewrote both the log and the anchor.
   */
  readonly checkpoints?: readonly AuditHead[];
  /** Most problems listed; any beyond are dropped (the report is still not ok). */
  readonly maxProblems?: number;
}

/** Total `data` characters of suspicious rows kept for reorder analysis. */
const SUSPECT_BUDGET_CHARS = 64 * 1024 * 1024;
/** Suspicious rows kept for reorder analysis. */
const MAX_SUSPECTS = 100_000;
const DEFAULT_MAX_PROBLEMS = 10_000;

interface PendingLink {
  readonly seq: number;
  readonly previousSeq: number;
  readonly detail: string;
}

/**
 * Verifies the chain. `rows` must be in ascending `seq` order; `anchor` is
 * the stored head, or undefined if its row is missing.
 */
export function verifyAuditChain(
  rows: Iterable<ChainRow>,
  anchor: AuditHead | undefined,
  options: VerifyOptions = {},
): AuditVerifyReport {
  const problems: AuditProblem[] = [];
  const suspects = new Map<number, ChainRow>();
  const links: OpenLinks = { claimedBy: new Map(), unclaimed: new Map() };
  const pendingLinks: PendingLink[] = [];
  const checkpoints = new Map((options.checkpoints ?? []).map((point) => [point.seq, point.hash]));
  let suspectChars = 0;
  let entries = 0;
  let previous: ChainRow | undefined;

  for (const row of rows) {
    entries++;
    if (chainHash(row.prevHash, row) !== row.hash) {
      if (
        suspects.size < MAX_SUSPECTS &&
        suspectChars + row.dataJson.length <= SUSPECT_BUDGET_CHARS
      ) {
        suspectChars += row.dataJson.length;
        suspects.set(row.seq, row);
      } else {
        problems.push({
          kind: 'edited',
          seq: row.seq,
          detail: `entry ${row.seq} does not match its hash (too many problems to analyse further)`,
        });
      }
    }
    checkLink(previous, row);
    const expected = checkpoints.get(row.seq);
    if (expected !== undefined && expected !== row.hash) {
      problems.push({
        kind: 'edited',
        seq: row.seq,
        detail: `entry ${row.seq} does not match the external checkpoint: the log up to it was rewritten`,
      });
    }
    previous = row;
  }

  const lastSeq = previous?.seq ?? 0;
  checkAnchor(previous);
  for (const [seq] of checkpoints) {
    if (seq > lastSeq) {
      problems.push({
        kind: 'truncated',
        seq,
        detail: `the external checkpoint at ${seq} is beyond the last entry ${lastSeq}`,
      });
    }
  }

  const classified = classifySuspects(suspects, links);
  problems.push(...classified.problems);
  for (const link of pendingLinks) {
    if (classified.reordered.has(link.seq) || classified.reordered.has(link.previousSeq)) continue;
    problems.push({ kind: 'broken-link', seq: link.seq, detail: link.detail });
  }

  problems.sort((left, right) => left.seq - right.seq || left.kind.localeCompare(right.kind));
  const maxProblems = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  return {
    ok: problems.length === 0,
    entries,
    headSeq: anchor?.seq ?? lastSeq,
    problems: problems.length > maxProblems ? problems.slice(0, maxProblems) : problems,
  };

  function checkLink(before: ChainRow | undefined, row: ChainRow): void {
    const previousSeq = before?.seq ?? 0;
    if (row.seq <= previousSeq) {
      problems.push({
        kind: 'reordered',
        seq: row.seq,
        detail: `entry ${row.seq} comes after entry ${previousSeq}: rows are not in ascending order`,
      });
      return;
    }
    if (row.seq > previousSeq + 1) {
      const first = previousSeq + 1;
      const last = row.seq - 1;
      problems.push({
        kind: 'deleted',
        seq: first,
        detail:
          first === last ? `entry ${first} is missing` : `entries ${first}..${last} are missing`,
      });
      // The links across a gap are open: a "deleted" entry may turn up elsewhere.
      links.claimedBy.set(row.prevHash, row.seq);
      if (before !== undefined) links.unclaimed.set(before.hash, before.seq);
      return;
    }
    const expected = before?.hash ?? GENESIS_HASH;
    if (row.prevHash === expected) return;
    links.claimedBy.set(row.prevHash, row.seq);
    if (before !== undefined) links.unclaimed.set(before.hash, before.seq);
    pendingLinks.push({
      seq: row.seq,
      previousSeq,
      detail: `entry ${row.seq} does not link to entry ${previousSeq}: one of them was rewritten or moved`,
    });
  }

  function checkAnchor(last: ChainRow | undefined): void {
    const lastSeq = last?.seq ?? 0;
    if (anchor === undefined) {
      problems.push({ kind: 'broken-link', seq: lastSeq, detail: 'the head anchor is missing' });
      return;
    }
    if (anchor.seq > lastSeq) {
      const first = lastSeq + 1;
      problems.push({
        kind: 'truncated',
        seq: first,
        detail:
          first === anchor.seq
            ? `entry ${first} is missing at the end (head anchor at ${anchor.seq})`
            : `entries ${first}..${anchor.seq} are missing at the end (head anchor at ${anchor.seq})`,
      });
      return;
    }
    if (anchor.seq < lastSeq) {
      problems.push({
        kind: 'broken-link',
        seq: anchor.seq + 1,
        detail: `entries ${anchor.seq + 1}..${lastSeq} are beyond the head anchor: not appended by the gateway`,
      });
      return;
    }
    const lastHash = last?.hash ?? GENESIS_HASH;
    if (anchor.hash === lastHash) return;
    // The anchor acts as the successor of the last entry for reorder analysis.
    links.claimedBy.set(anchor.hash, anchor.seq + 1);
    if (last !== undefined) links.unclaimed.set(last.hash, last.seq);
    pendingLinks.push({
      seq: anchor.seq,
      previousSeq: anchor.seq,
      detail: `the head anchor does not match entry ${anchor.seq}: the end of the log was rewritten`,
    });
  }
}
