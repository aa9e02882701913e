/**
 * The `ringfence` command line, run as an operator runs it: the BUILT CLI
 * (`node dist/src/cli/bin.js …`) in a temporary working directory holding
 * `ringfence.yaml`. `npm test` runs `npm run build` first; when running
 * vitest by hand after changing `src/`, build first or these tests exercise
 * the previous build. The CLI against a running gateway is in
 * `cli-gateway.test.ts`.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import { assertCliBuilt, createCliWorkspace, type CliWorkspace } from './support/built-cli.ts';

let workspace: CliWorkspace;

beforeAll(() => {
  assertCliBuilt();
  workspace = createCliWorkspace({
    providers: { local: { kind: 'sim' } },
    models: {
      chat: {
        targets: [
          { provider: 'local', model: 'echo' },
          { provider: 'local', model: 'obedient' },
        ],
      },
    },
  });
});

afterAll(() => {
  workspace.dispose();
});

/** The table row of `keys list` / `models list` whose first cell is `first`, split into cells. */
function row(table: string, first: string): string[] | undefined {
  return table
    .split('\n')
    .map((line) => line.split(/ {2,}/))
    .find((cells) => cells[0] === first);
}

describe('ringfence config check', () => {
  it('reports a valid configuration with its providers and aliases', async () => {
    const result = await workspace.run('config', 'check');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${path.join(workspace.dir, 'ringfence.yaml')}: OK`);
    expect(result.stdout).toMatch(/providers: local, sim/);
    expect(result.stdout).toMatch(/models: +chat, sim\/echo/);
  });

  it('exits 1 listing every problem with its path', async () => {
    const broken = createCliWorkspace({
      server: { prot: 8080 },
      routing: { attemptTimeoutMs: -5 },
      audit: { bodies: 'everything' },
    });
    try {
      const result = await broken.run('config', 'check');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Invalid');
      expect(result.stderr).toMatch(/- server.prot: unknown key/);
      expect(result.stderr).toMatch(/- routing\.attemptTimeoutMs: .*>=0/);
      expect(result.stderr).toMatch(/- audit\.bodies: /);
      expect(result.stdout).toBe('');
    } finally {
      broken.dispose();
    }
  });
});

describe('ringfence keys', () => {
  it('creates a key printed once on stdout, lists it without the secret, and revokes it', async () => {
    const created = await workspace.run(
      'keys',
      'create',
      '--name',
      'x',
      '--models',
      'a,b',
      '--region',
      'eu',
      '--rpm',
      '5',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^rf_[A-Za-z0-9_-]{32}\n$/);
    const secret = created.stdout.trim();
    const id = /Created (key_[0-9a-f]+) \(x\)/.exec(created.stderr)?.[1] ?? '';
    expect(created.stderr).toContain('shown once');

    const listed = await workspace.run('keys', 'list');
    expect(listed.code).toBe(0);
    expect(row(listed.stdout, id)).toEqual([
      id,
      'x',
      secret.slice(0, 7),
      'a,b',
      'eu',
      '5',
      'active',
    ]);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await workspace.run('keys', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe(`Revoked ${id}.\n`);
    const asJson = await workspace.run('keys', 'list', '--json');
    expect(JSON.parse(asJson.stdout)).toContainEqual(
      expect.objectContaining({
        id,
        name: 'x',
        models: ['a', 'b'],
        region: 'eu',
        rpm: 5,
        revokedAt: expect.any(Number) as unknown,
      }),
    );
    expect(asJson.stdout).not.toContain(secret);
    const again = await workspace.run('keys', 'revoke', id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No active key ${id}`);
  });

  it('exits 2 with the field at fault for an invalid key', async () => {
    const result = await workspace.run('keys', 'create', '--name', 'y', '--rpm', 'lots');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rpm');
    expect(result.stderr).toContain('Usage: ringfence');
  });
});

describe('ringfence models', () => {
  it('suspends a pattern with a reason, shows it in the list, and resumes it', async () => {
    const suspended = await workspace.run(
      'models',
      'suspend',
      'local/obed*',
      '--reason',
      'vendor withdrawal 2026-11-20',
    );
    expect(suspended.code).toBe(0);
    expect(suspended.stdout).toBe('Suspended local/obed*: vendor withdrawal 2026-11-20\n');

    const listed = await workspace.run('models', 'list');
    expect(row(listed.stdout, 'chat')).toEqual(['chat', 'local/echo', 'active']);
    expect(row(listed.stdout, '')).toEqual([
      '',
      'local/obedient',
      'SUSPENDED: vendor withdrawal 2026-11-20',
    ]);
    expect(row(listed.stdout, 'local/obed*')?.slice(0, 2)).toEqual(['local/obed*', 'admin']);

    const resumed = await workspace.run('models', 'resume', 'local/obed*');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('Resumed local/obed*.\n');
    const again = await workspace.run('models', 'resume', 'local/obed*');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No admin suspension for local/obed*');
  });

  it('exits 2 when the reason is missing', async () => {
    const result = await workspace.run('models', 'suspend', 'claude-*');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reason');
  });
});

describe('ringfence audit verify', () => {
  it('exits 0 on an intact chain, and 1 naming the seq and "edited" after a row is changed behind the gateway', async () => {
    const audited = createCliWorkspace();
    const file = path.join(audited.dir, 'data', 'ringfence.db');
    try {
      const store = openSqliteStore({ path: file, synchronous: 'normal', walCheckpoint: 'inline' });
      for (const action of ['create', 'revoke', 'create']) {
        await store.audit.append({
          type: 'admin.key',
          keyId: 'key_0123456789ab',
          data: { action, actor: 'cli' },
        });
      }
      await store.close();
      const verified = await audited.run('audit', 'verify');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toBe('OK: 3 entries, chain intact up to #3.\n');

      const tamper = new Database(file, { timeout: 5_000 });
      try {
        tamper
          .prepare('UPDATE audit SET data = ? WHERE seq = 2')
          .run('{"action":"create","actor":"cli"}');
      } finally {
        tamper.close();
      }
      const result = await audited.run('audit', 'verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('TAMPERED: 1 problem(s) in 3 entries:');
      expect(result.stdout).toMatch(/^ {2}#2 edited: /m);
    } finally {
      audited.dispose();
    }
  });
});

describe('ringfence usage', () => {
  it('exits 2 with the usage for an unknown command', async () => {
    const result = await workspace.run('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: ringfence <command> [options]');
    expect(result.stdout).toBe('');
  });
});
