/**
 * The anchor of the audit chain: the last entry's `seq` and `hash`.
 *
 * The store keeps it in its own row, updated in the same transaction as
 * every append, so deleting entries from the end (which leaves a perfectly
 * valid shorter chain) is still detected: the anchor is ahead of the log.
 * Appends also chain from the anchor rather than from the last row, so a
 * truncation is never "healed" by later appends; it stays visible as a gap.
 *
 * Honest limit: the chain has no secret, so someone who can write the
 * database can rewrite the entries AND the anchor consistently, and no check
 * inside the database can tell. Only a copy of the head kept elsewhere (an
 * operator recording `ringfence audit head` periodically, a ticket, a
 * transparency log) catches that; `verifyAuditChain` accepts such copies as
 * checkpoints.
 */

/** A point in the chain: entry `seq` has hash `hash` (`seq` 0 is the empty chain). */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** Parses `seq:hash` as printed by {@link formatAuditHead}; undefined if malformed. */
export function parseAuditHead(text: string): AuditHead | undefined {
  // Bounded input and a linear pattern: at most 16 digits, exactly 64 hex characters.
  if (text.length > 100) return undefined;
  const match = /^(\d{1,16}):([0-9a-f]{64})$/.exec(text.trim());
  if (match === null) return undefined;
  const seq = Number(match[1]);
  if (!Number.isSafeInteger(seq)) return undefined;
  return { seq, hash: match[2] ?? '' };
}

/** `seq:hash`, the form an operator records outside the database. */
export function formatAuditHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}
