/**
 * Classifies SQLite failures and turns them into gateway errors.
 *
 * Result codes per https://www.sqlite.org/rescode.html; better-sqlite3
 * reports extended codes as strings such as `SQLITE_BUSY_RECOVERY`.
 */
import Database from 'better-sqlite3';

import { GatewayError, isGatewayError } from '../../errors.ts';

/** The codes a store failure surfaces as: audit writes fail as audit, the rest as store. */
export type StoreErrorCode = 'audit_unavailable' | 'store_unavailable';

export function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

/** Another connection holds the lock: worth retrying later, not a failure of the data. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/**
 * A failure caused by one operation's own input (a constraint, a value too
 * big, or a JavaScript error in the operation) rather than by the database:
 * only that operation should fail, the rest of its batch can be retried.
 */
export function isOperationError(error: unknown): boolean {
  if (isGatewayError(error)) return true;
  const code = sqliteCode(error);
  if (code === undefined) return true;
  return (
    code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH'
  );
}

/** A GatewayError for a store failure; an existing GatewayError passes through unchanged. */
export function toStoreError(code: StoreErrorCode, error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const message =
    code === 'audit_unavailable'
      ? 'The audit log could not record the request.'
      : 'The gateway store is unavailable.';
  return new GatewayError(code, message, { cause: error, retryable: false });
}
