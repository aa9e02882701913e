/**
 * Token-bucket rate limits in SQLite, shared by every worker and process.
 *
 * A take runs inside the group-commit IMMEDIATE transaction, which holds the
 * database write lock, so the read-refill-write below cannot race another
 * worker: no compare-and-swap is needed. Buckets refill continuously at
 * `ratePerMinute / 60000` tokens per millisecond up to `burst`.
 */
import type Database from 'better-sqlite3';

import { GatewayError } from '../../errors.ts';
import type { RateDecision, RateLimit, RateLimitStore } from '../types.ts';
import type { GroupCommitWriter } from './group-commit.ts';

const MAX_BUCKET_LENGTH = 512;
/** Floating-point slack so that waiting exactly `retryAfterMs` always earns the token. */
const TOLERANCE = 1e-9;
const ALLOWED: RateDecision = Object.freeze({ allowed: true });

interface BucketRow {
  readonly tokens: number;
  readonly updated_at: number;
}

export function createSqliteRateLimitStore(
  database: Database.Database,
  writer: GroupCommitWriter,
  clock: () => number,
): RateLimitStore {
  const select = database.prepare<[string], BucketRow>(
    'SELECT tokens, updated_at FROM rate_limits WHERE bucket = ?',
  );
  const upsert = database.prepare(
    `INSERT INTO rate_limits (bucket, tokens, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (bucket) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
  );

  return {
    take(bucket, limit) {
      const problem = checkLimit(bucket, limit);
      if (problem !== undefined) return Promise.reject(problem);
      const burst = limit.burst ?? limit.ratePerMinute;
      const perMs = limit.ratePerMinute / 60_000;
      return writer.enqueue((): RateDecision => {
        const now = clock();
        const row = select.get(bucket);
        // A clock stepping backwards refills nothing rather than draining the bucket.
        const elapsed = row === undefined ? 0 : Math.max(0, now - row.updated_at);
        const available = Math.min(burst, (row?.tokens ?? burst) + elapsed * perMs);
        if (available >= 1 - TOLERANCE) {
          upsert.run(bucket, Math.max(0, available - 1), now);
          return ALLOWED;
        }
        // Nothing to write on a denial: the refill is recomputed from the stored time next take.
        return { allowed: false, retryAfterMs: Math.ceil((1 - available) / perMs) };
      }, 'store_unavailable');
    },
  };
}

function checkLimit(bucket: string, limit: RateLimit): GatewayError | undefined {
  if (bucket.length === 0 || bucket.length > MAX_BUCKET_LENGTH) {
    return new GatewayError('invalid_request', 'The rate-limit bucket name is invalid.');
  }
  const burst = limit.burst ?? limit.ratePerMinute;
  if (!(
    Number.isFinite(limit.ratePerMinute) &&
    limit.ratePerMinute > 0 &&
    Number.isFinite(burst) &&
    burst >= 1
  )) {
    return new GatewayError(
      'invalid_request',
      'A rate limit needs a positive rate and a burst of at least 1.',
    );
  }
  return undefined;
}
