/**
 * Audit queries: filters become parameterised SQL over the indexed columns,
 * never interpolated values. Statements are cached per filter shape (at
 * most 2^7 × 2 of them).
 */
import type Database from 'better-sqlite3';

import type { AuditEntry, AuditQuery } from '../types.ts';
import { toStoreError } from './sqlite-errors.ts';

export interface AuditQueryRunner {
  query(query: AuditQuery): readonly AuditEntry[];
  /** The newest `count` entries, newest first. */
  tail(count: number): readonly AuditEntry[];
}

export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 10_000;

/** An `audit` table row as SQLite returns it. */
export interface AuditRow {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
  readonly request_id: string | null;
  readonly key_id: string | null;
  readonly alias: string | null;
  readonly outcome: string | null;
  readonly data: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** Filter field → SQL condition; the SQL text comes only from this table. */
const CONDITIONS = {
  keyId: 'key_id = ?',
  alias: 'alias = ?',
  outcome: 'outcome = ?',
  type: 'type = ?',
  requestId: 'request_id = ?',
  since: 'ts >= ?',
  until: 'ts < ?',
} as const satisfies Partial<Record<keyof AuditQuery, string>>;

const FILTERS = Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[];

export function createAuditQuery(database: Database.Database): AuditQueryRunner {
  const statements = new Map<string, Database.Statement<unknown[], AuditRow>>();

  function query(filter: AuditQuery): readonly AuditEntry[] {
    const conditions: string[] = [];
    const parameters: (string | number)[] = [];
    for (const field of FILTERS) {
      const value = filter[field];
      if (value === undefined) continue;
      conditions.push(CONDITIONS[field]);
      parameters.push(value);
    }
    const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
    const order = filter.newestFirst === true ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM audit${where} ORDER BY seq ${order} LIMIT ?`;
    parameters.push(clampLimit(filter.limit));
    try {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare<unknown[], AuditRow>(sql);
        statements.set(sql, statement);
      }
      return statement.all(...parameters).map(toEntry);
    } catch (error) {
      throw toStoreError('store_unavailable', error);
    }
  }

  return {
    query,
    tail: (count) => query({ newestFirst: true, limit: count }),
  };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_QUERY_LIMIT;
  return Math.min(MAX_QUERY_LIMIT, Math.max(0, Math.floor(limit)));
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    ts: row.ts,
    type: row.type,
    ...(row.request_id === null ? {} : { requestId: row.request_id }),
    ...(row.key_id === null ? {} : { keyId: row.key_id }),
    ...(row.alias === null ? {} : { alias: row.alias }),
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    data: JSON.parse(row.data) as Readonly<Record<string, unknown>>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
