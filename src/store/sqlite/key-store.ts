/**
 * Gateway keys in SQLite.
 *
 * A key is `rf_` + 192 random bits (base64url); only its SHA-256 is stored.
 * A fast unsalted hash is right here (unlike for passwords): the secret is
 * uniformly random and long, so there is nothing to guess. `findBySecret`
 * runs on every request, so it reads an in-memory map rebuilt whenever the
 * store revision moves (a key created or revoked by the CLI or another
 * worker applies on the next request). The lookup is by hash, which an
 * attacker cannot steer, so map timing reveals nothing about stored keys.
 */
import { hash, randomBytes } from 'node:crypto';

import type Database from 'better-sqlite3';

import { GatewayError } from '../../errors.ts';
import type { GatewayKeyRecord, KeyStore, NewGatewayKey } from '../types.ts';
import type { GroupCommitWriter } from './group-commit.ts';
import { cachedByRevision } from './revision.ts';
import type { RevisionCounter } from './revision.ts';
import { toStoreError } from './sqlite-errors.ts';

/** Longest presented key that is even hashed; real keys are 35 characters. */
const MAX_SECRET_LENGTH = 512;
const MAX_NAME_LENGTH = 200;
const MAX_MODELS = 1_000;
const MAX_LABELS = 100;
const MAX_FIELD_LENGTH = 256;

interface KeyRow {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly secret_hash: string;
  readonly models: string;
  readonly region: string;
  readonly labels: string;
  readonly rpm: number | null;
  readonly allow_direct: number;
  readonly created_at: number;
  readonly revoked_at: number | null;
}

interface KeyIndex {
  readonly all: readonly GatewayKeyRecord[];
  readonly byId: ReadonlyMap<string, GatewayKeyRecord>;
  /** Active keys only. */
  readonly byHash: ReadonlyMap<string, GatewayKeyRecord>;
}

export function hashSecret(secret: string): string {
  // One-shot `hash()` (Node ≥ 20.12): this runs on every authenticated request.
  return hash('sha256', secret, 'hex');
}

export function createSqliteKeyStore(
  database: Database.Database,
  writer: GroupCommitWriter,
  revision: RevisionCounter,
  clock: () => number,
): KeyStore {
  const selectAll = database.prepare<[], KeyRow>(
    'SELECT * FROM gateway_keys ORDER BY created_at, id',
  );
  const insert = database.prepare(
    `INSERT INTO gateway_keys (id, name, prefix, secret_hash, models, region, labels, rpm, allow_direct, created_at)
     VALUES (@id, @name, @prefix, @secretHash, @models, @region, @labels, @rpm, @allowDirect, @createdAt)`,
  );
  const revokeStatement = database.prepare(
    'UPDATE gateway_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );

  const index = cachedByRevision(revision, (): KeyIndex => {
    let rows: readonly KeyRow[];
    try {
      rows = selectAll.all();
    } catch (error) {
      throw toStoreError('store_unavailable', error);
    }
    const all = rows.map(toRecord);
    const byHash = new Map<string, GatewayKeyRecord>();
    rows.forEach((row, position) => {
      const record = all[position];
      if (row.revoked_at === null && record !== undefined) byHash.set(row.secret_hash, record);
    });
    return { all, byId: new Map(all.map((record) => [record.id, record])), byHash };
  });

  return {
    create(input) {
      let fields: Omit<GatewayKeyRecord, 'id' | 'prefix' | 'createdAt'>;
      try {
        fields = validate(input);
      } catch (error) {
        return Promise.reject(toStoreError('store_unavailable', error));
      }
      const secret = 'rf_' + randomBytes(24).toString('base64url');
      const id = 'key_' + randomBytes(6).toString('hex');
      return writer.enqueue(() => {
        const record: GatewayKeyRecord = Object.freeze({
          id,
          prefix: secret.slice(0, 7),
          createdAt: clock(),
          ...fields,
        });
        insert.run({
          id,
          name: record.name,
          prefix: record.prefix,
          secretHash: hashSecret(secret),
          models: JSON.stringify(record.models),
          region: record.region,
          labels: JSON.stringify(record.labels),
          rpm: record.rpm ?? null,
          allowDirect: record.allowDirect ? 1 : 0,
          createdAt: record.createdAt,
        });
        revision.bump();
        return { record, secret };
      }, 'store_unavailable');
    },
    findBySecret(secret) {
      if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) return undefined;
      return index().byHash.get(hashSecret(secret));
    },
    list() {
      return index().all;
    },
    get(id) {
      return index().byId.get(id);
    },
    revoke(id) {
      return writer.enqueue(() => {
        const changed = revokeStatement.run(clock(), id).changes > 0;
        if (changed) revision.bump();
        return changed;
      }, 'store_unavailable');
    },
    countActive() {
      return index().byHash.size;
    },
  };
}

function toRecord(row: KeyRow): GatewayKeyRecord {
  return Object.freeze({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    models: Object.freeze(JSON.parse(row.models) as string[]),
    region: row.region,
    labels: Object.freeze(JSON.parse(row.labels) as Record<string, string>),
    ...(row.rpm === null ? {} : { rpm: row.rpm }),
    allowDirect: row.allow_direct === 1,
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  });
}

function validate(input: NewGatewayKey): Omit<GatewayKeyRecord, 'id' | 'prefix' | 'createdAt'> {
  const invalid = (param: string, message: string): never => {
    throw new GatewayError('invalid_request', message, { param });
  };
  if (input.name.length === 0 || input.name.length > MAX_NAME_LENGTH) {
    invalid('name', `A key name must be 1 to ${MAX_NAME_LENGTH} characters.`);
  }
  // Every model a key may use is named explicitly or by a glob; `*` (all) is the default.
  const models = input.models ?? ['*'];
  if (models.length > MAX_MODELS || models.some((model) => !isField(model))) {
    invalid(
      'models',
      `Models must be at most ${MAX_MODELS} names of 1 to ${MAX_FIELD_LENGTH} characters.`,
    );
  }
  const labels = input.labels ?? {};
  const labelEntries = Object.entries(labels);
  if (
    labelEntries.length > MAX_LABELS ||
    labelEntries.some(([key, value]) => !isField(key) || value.length > MAX_FIELD_LENGTH)
  ) {
    invalid(
      'labels',
      `Labels must be at most ${MAX_LABELS} string pairs of up to ${MAX_FIELD_LENGTH} characters.`,
    );
  }
  const region = input.region ?? '';
  if (region.length > MAX_FIELD_LENGTH) invalid('region', 'The region is too long.');
  if (input.rpm !== undefined && !(Number.isSafeInteger(input.rpm) && input.rpm > 0)) {
    invalid('rpm', 'Requests per minute must be a positive integer.');
  }
  return {
    name: input.name,
    models: Object.freeze([...models]),
    region,
    labels: Object.freeze({ ...labels }),
    ...(input.rpm === undefined ? {} : { rpm: input.rpm }),
    allowDirect: input.allowDirect ?? false,
  };
}

function isField(value: string): boolean {
  return value.length > 0 && value.length <= MAX_FIELD_LENGTH;
}
