import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDirectory } from './fixtures/temp-directory.ts';
import type { TempDirectory } from './fixtures/temp-directory.ts';
import { hashSecret } from './key-store.ts';
import { openSqliteStore } from './open-sqlite-store.ts';
import type { SqliteStore } from './open-sqlite-store.ts';

let directory: TempDirectory;
let path: string;
let stores: SqliteStore[];

function open(): SqliteStore {
  const store = openSqliteStore({ path, synchronous: 'normal', clock: () => 5_000 });
  stores.push(store);
  return store;
}

beforeEach(async () => {
  directory = await makeTempDirectory();
  path = join(directory.path, 'ringfence.db');
  stores = [];
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await directory.remove();
});

describe('the SQLite key store', () => {
  it('creates a 192-bit rf_ key that findBySecret then recognises', async () => {
    const store = open();
    const { record, secret } = await store.keys.create({
      name: 'ci',
      models: ['chat', 'gpt-*'],
      region: 'eu',
      labels: { team: 'payments' },
      rpm: 60,
      allowDirect: true,
    });
    expect(secret).toMatch(/^rf_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(secret.slice(3), 'base64url')).toHaveLength(24);
    expect(record).toEqual({
      id: expect.stringMatching(/^key_[0-9a-f]{12}$/) as unknown,
      name: 'ci',
      prefix: secret.slice(0, 7),
      models: ['chat', 'gpt-*'],
      region: 'eu',
      labels: { team: 'payments' },
      rpm: 60,
      allowDirect: true,
      createdAt: 5_000,
    });
    expect(store.keys.findBySecret(secret)).toEqual(record);
    expect(store.keys.get(record.id)).toEqual(record);
    expect(store.keys.findBySecret(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'))).toBe(
      undefined,
    );
  });

  it('defaults to every model, no region, no labels, no rate limit and no direct models', async () => {
    const store = open();
    const { record } = await store.keys.create({ name: 'plain' });
    expect(record).toMatchObject({ models: ['*'], region: '', labels: {}, allowDirect: false });
    expect(record).not.toHaveProperty('rpm');
    expect(record).not.toHaveProperty('revokedAt');
  });

  it('stores only the hash of the secret, never the secret itself', async () => {
    const store = open();
    const { secret } = await store.keys.create({ name: 'k' });
    // Closing the last connection checkpoints the WAL into the main file.
    await store.close();
    const files = readdirSync(directory.path).map((file) =>
      readFileSync(join(directory.path, file)).toString('latin1'),
    );
    expect(files.some((content) => content.includes(secret))).toBe(false);
    expect(files.some((content) => content.includes(hashSecret(secret)))).toBe(true);
  });

  it('stops recognising a revoked key and reports the revocation once', async () => {
    const store = open();
    const { record, secret } = await store.keys.create({ name: 'k' });
    expect(store.keys.countActive()).toBe(1);
    await expect(store.keys.revoke(record.id)).resolves.toBe(true);
    await expect(store.keys.revoke(record.id)).resolves.toBe(false);
    await expect(store.keys.revoke('key_missing')).resolves.toBe(false);
    expect(store.keys.findBySecret(secret)).toBeUndefined();
    expect(store.keys.get(record.id)?.revokedAt).toBe(5_000);
    expect(store.keys.list()).toHaveLength(1);
    expect(store.keys.countActive()).toBe(0);
  });

  it('sees keys created and revoked by another store on the very next lookup', async () => {
    const gateway = open();
    const cli = open();
    expect(gateway.keys.countActive()).toBe(0);
    const { record, secret } = await cli.keys.create({ name: 'from-cli' });
    expect(gateway.keys.findBySecret(secret)?.id).toBe(record.id);
    await cli.keys.revoke(record.id);
    expect(gateway.keys.findBySecret(secret)).toBeUndefined();
  });

  it('rejects invalid input and ignores absurdly long presented keys', async () => {
    const store = open();
    await expect(store.keys.create({ name: '' })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'name',
    });
    await expect(store.keys.create({ name: 'k', rpm: 0 })).rejects.toMatchObject({ param: 'rpm' });
    await expect(store.keys.create({ name: 'k', models: [''] })).rejects.toMatchObject({
      param: 'models',
    });
    expect(store.keys.findBySecret('rf_' + 'a'.repeat(10_000))).toBeUndefined();
    expect(store.keys.findBySecret('')).toBeUndefined();
    expect(store.keys.list()).toEqual([]);
  });
});
