/**
 * The audit log in SQLite: a hash chain appended through the group-commit
 * writer, with its head anchored in `audit_head` (see `audit/audit-head.ts`).
 *
 * The chain is global across processes: each batch reads the head inside
 * its IMMEDIATE transaction, so appends from every worker and the CLI form
 * one gap-free sequence, and the anchor moves in the same transaction.
 */
import type Database from 'better-sqlite3';

import type { AuditHead } from '../../audit/audit-head.ts';
import { canonicalJson } from '../../audit/canonical-json.ts';
import { chainHash, GENESIS_HASH } from '../../audit/hash-chain.ts';
import type { ChainRow } from '../../audit/hash-chain.ts';
import { verifyAuditChain } from '../../audit/verify.ts';
import type { VerifyOptions } from '../../audit/verify.ts';
import { GatewayError } from '../../errors.ts';
import type { AuditLog, AuditRecord, AuditVerifyReport } from '../types.ts';
import type { GroupCommitWriter } from './group-commit.ts';
import { createAuditQuery } from './audit-query.ts';
import type { AuditQueryRunner, AuditRow } from './audit-query.ts';
import { toStoreError } from './sqlite-errors.ts';

/**
 * Longest a deferred record waits for a commit to join. Short enough that a
 * crash loses at most this much of records nobody was waiting on; long enough
 * to meet the next request's intent at ordinary rates.
 */
const DEFER_MS = 20;

/** The SQLite audit log: the interface plus what the CLI needs (head, tail, verify with checkpoints). */
export interface SqliteAuditLog extends AuditLog, AuditQueryRunner {
  /** The anchored chain head, for an operator to record outside the database. */
  head(): AuditHead;
  verify(options?: VerifyOptions): AuditVerifyReport;
}

const MAX_TYPE_LENGTH = 128;
const MAX_FIELD_LENGTH = 512;

interface HeadRow {
  readonly seq: number;
  readonly hash: string;
}

export function createSqliteAuditLog(
  database: Database.Database,
  writer: GroupCommitWriter,
  clock: () => number,
): SqliteAuditLog {
  const selectAnchor = database.prepare<[], HeadRow>(
    'SELECT seq, hash FROM audit_head WHERE id = 1',
  );
  const selectLast = database.prepare<[], HeadRow>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
  const writeAnchor = database.prepare(
    `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
  );
  const insert = database.prepare(
    `INSERT INTO audit (seq, ts, type, request_id, key_id, alias, outcome, data, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectChain = database.prepare<[], AuditRow>('SELECT * FROM audit ORDER BY seq');

  /** The chain position within the current batch; reread at the start of every batch. */
  let chain = { batchId: -1, seq: 0, hash: GENESIS_HASH };

  /**
   * Appends chain from the anchor, not the last row: after a truncation the
   * gap stays visible instead of being papered over by new entries. If rows
   * exist beyond the anchor (tampering verify reports), append after them so
   * the log stays writable and the gateway keeps serving.
   */
  function startHead(): HeadRow {
    const anchor = selectAnchor.get();
    const last = selectLast.get();
    if (anchor === undefined) return last ?? { seq: 0, hash: GENESIS_HASH };
    if (last !== undefined && last.seq > anchor.seq) return last;
    return anchor;
  }

  function head(): AuditHead {
    try {
      const anchor = selectAnchor.get() ?? selectLast.get();
      return anchor === undefined
        ? { seq: 0, hash: GENESIS_HASH }
        : { seq: anchor.seq, hash: anchor.hash };
    } catch (error) {
      throw toStoreError('store_unavailable', error);
    }
  }

  return {
    ...createAuditQuery(database),
    head,
    append(record: AuditRecord, options?: { readonly defer?: boolean }) {
      let dataJson: string;
      try {
        checkRecord(record);
        dataJson = canonicalJson(record.data);
      } catch (error) {
        return Promise.reject(toStoreError('audit_unavailable', error));
      }
      return writer.enqueue(
        (batch) => {
          if (chain.batchId !== batch.id) {
            const start = startHead();
            chain = { batchId: batch.id, seq: start.seq, hash: start.hash };
            const current = chain;
            batch.beforeCommit(() => writeAnchor.run(current.seq, current.hash));
          }
          const content = {
            seq: chain.seq + 1,
            ts: clock(),
            type: record.type,
            requestId: record.requestId,
            keyId: record.keyId,
            alias: record.alias,
            outcome: record.outcome,
            dataJson,
          };
          const hash = chainHash(chain.hash, content);
          insert.run(
            content.seq,
            content.ts,
            content.type,
            content.requestId ?? null,
            content.keyId ?? null,
            content.alias ?? null,
            content.outcome ?? null,
            dataJson,
            chain.hash,
            hash,
          );
          chain.seq = content.seq;
          chain.hash = hash;
          return { seq: content.seq, hash };
        },
        'audit_unavailable',
        options?.defer === true ? DEFER_MS : undefined,
      );
    },
    verify(options: VerifyOptions = {}) {
      // One read transaction: the rows and the anchor come from the same snapshot.
      try {
        database.exec('BEGIN');
        try {
          const anchor = selectAnchor.get();
          return verifyAuditChain(chainRows(selectChain.iterate()), anchor, options);
        } finally {
          database.exec('COMMIT');
        }
      } catch (error) {
        throw toStoreError('store_unavailable', error);
      }
    },
  };
}

function* chainRows(rows: Iterable<AuditRow>): Generator<ChainRow> {
  for (const row of rows) {
    yield {
      seq: row.seq,
      ts: row.ts,
      type: row.type,
      requestId: row.request_id ?? undefined,
      keyId: row.key_id ?? undefined,
      alias: row.alias ?? undefined,
      outcome: row.outcome ?? undefined,
      dataJson: row.data,
      prevHash: row.prev_hash,
      hash: row.hash,
    };
  }
}

function checkRecord(record: AuditRecord): void {
  const fields = [record.requestId, record.keyId, record.alias, record.outcome];
  if (
    record.type.length === 0 ||
    record.type.length > MAX_TYPE_LENGTH ||
    fields.some((field) => field !== undefined && field.length > MAX_FIELD_LENGTH)
  ) {
    throw new GatewayError('audit_unavailable', 'The audit record has an invalid field.');
  }
}
