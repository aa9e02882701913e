/**
 * Suspensions (the kill switch) in SQLite.
 *
 * Admin suspensions and feed suspensions live side by side, keyed by
 * (source, pattern), so a feed refresh never removes what an operator set
 * and the reverse. `list()` is read on every routing decision and served
 * from memory, reloaded when the store revision moves.
 */
import type Database from 'better-sqlite3';

import { GatewayError } from '../../errors.ts';
import type { Suspension, SuspensionStore } from '../types.ts';
import type { GroupCommitWriter } from './group-commit.ts';
import { cachedByRevision } from './revision.ts';
import type { RevisionCounter } from './revision.ts';
import { toStoreError } from './sqlite-errors.ts';

const MAX_PATTERN_LENGTH = 512;
const MAX_REASON_LENGTH = 2_000;
const MAX_FEED_ENTRIES = 10_000;

interface SuspensionRow {
  readonly source: 'admin' | 'feed';
  readonly pattern: string;
  readonly reason: string;
  readonly created_at: number;
  readonly created_by: string;
}

export function createSqliteSuspensionStore(
  database: Database.Database,
  writer: GroupCommitWriter,
  revision: RevisionCounter,
  clock: () => number,
): SuspensionStore {
  const selectAll = database.prepare<[], SuspensionRow>(
    'SELECT source, pattern, reason, created_at, created_by FROM suspensions ORDER BY source, pattern',
  );
  const selectFeed = database.prepare<[], SuspensionRow>(
    "SELECT source, pattern, reason, created_at, created_by FROM suspensions WHERE source = 'feed'",
  );
  const upsert = database.prepare(
    `INSERT OR REPLACE INTO suspensions (source, pattern, reason, created_at, created_by)
     VALUES (@source, @pattern, @reason, @createdAt, @createdBy)`,
  );
  const deleteAdmin = database.prepare(
    "DELETE FROM suspensions WHERE source = 'admin' AND pattern = ?",
  );
  const deleteFeed = database.prepare("DELETE FROM suspensions WHERE source = 'feed'");

  const cached = cachedByRevision(revision, (): readonly Suspension[] => {
    try {
      return Object.freeze(selectAll.all().map(toSuspension));
    } catch (error) {
      throw toStoreError('store_unavailable', error);
    }
  });

  return {
    list: cached,
    suspend(pattern, reason, createdBy) {
      const problem =
        checkText('pattern', pattern, MAX_PATTERN_LENGTH) ??
        checkText('reason', reason, MAX_REASON_LENGTH, true) ??
        checkText('createdBy', createdBy, MAX_PATTERN_LENGTH, true);
      if (problem !== undefined) return Promise.reject(problem);
      return writer.enqueue(() => {
        const suspension: Suspension = Object.freeze({
          pattern,
          reason,
          source: 'admin',
          createdAt: clock(),
          createdBy,
        });
        upsert.run(suspension);
        revision.bump();
        return suspension;
      }, 'store_unavailable');
    },
    resume(pattern) {
      return writer.enqueue(() => {
        const changed = deleteAdmin.run(pattern).changes > 0;
        if (changed) revision.bump();
        return changed;
      }, 'store_unavailable');
    },
    replaceFeed(entries) {
      if (entries.length > MAX_FEED_ENTRIES) {
        return Promise.reject(
          new GatewayError(
            'invalid_request',
            `A feed may hold at most ${MAX_FEED_ENTRIES} entries.`,
          ),
        );
      }
      for (const entry of entries) {
        const problem =
          checkText('pattern', entry.pattern, MAX_PATTERN_LENGTH) ??
          checkText('reason', entry.reason, MAX_REASON_LENGTH, true);
        if (problem !== undefined) return Promise.reject(problem);
      }
      // Later duplicates win, as they would in a sequential replace.
      const wanted = new Map(entries.map((entry) => [entry.pattern, entry.reason]));
      return writer.enqueue(() => {
        const existing = new Map(selectFeed.all().map((row) => [row.pattern, row]));
        const unchanged =
          existing.size === wanted.size &&
          [...wanted].every(([pattern, reason]) => existing.get(pattern)?.reason === reason);
        // Every worker polls the feed: an unchanged feed writes nothing and reloads no cache.
        if (unchanged) return false;
        const now = clock();
        deleteFeed.run();
        for (const [pattern, reason] of wanted) {
          upsert.run({
            source: 'feed',
            pattern,
            reason,
            createdAt: existing.get(pattern)?.created_at ?? now,
            createdBy: 'feed',
          });
        }
        revision.bump();
        return true;
      }, 'store_unavailable');
    },
  };
}

function toSuspension(row: SuspensionRow): Suspension {
  return Object.freeze({
    pattern: row.pattern,
    reason: row.reason,
    source: row.source,
    createdAt: row.created_at,
    createdBy: row.created_by,
  });
}

function checkText(
  param: string,
  value: string,
  maxLength: number,
  allowEmpty = false,
): GatewayError | undefined {
  if (value.length <= maxLength && (allowEmpty || value.length > 0)) return undefined;
  return new GatewayError('invalid_request', `The ${param} must be 1 to ${maxLength} characters.`, {
    param,
  });
}
