/**
 * `ringfence config check` from the BUILT command line (`npm test` builds
 * first; run `npm run build` after changing `src/` when running vitest
 * directly): every problem is printed with its path, in one run, and no
 * secret value is ever printed. (test/cli.test.ts covers the schema-level
 * basics; this file covers references between sections, secrets, YAML and
 * file selection.)
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, createCliWorkspace, type CliWorkspace } from './support/built-cli.ts';

const workspaces: CliWorkspace[] = [];

function workspace(config: Readonly<Record<string, unknown>> = {}): CliWorkspace {
  const created = createCliWorkspace(config);
  workspaces.push(created);
  return created;
}

beforeAll(() => {
  assertCliBuilt();
});

afterEach(() => {
  for (const created of workspaces.splice(0)) created.dispose();
});

describe('ringfence config check', () => {
  it('lists an unknown provider and every missing variable together, each with its path', async () => {
    const broken = workspace({
      server: { adminToken: 'env:RF_MISSING_ADMIN' },
      providers: { openai: { kind: 'openai', apiKey: 'env:RF_MISSING_KEY' } },
      models: { chat: { targets: [{ provider: 'nowhere', model: 'gpt-4o' }] } },
    });
    const result = await broken.run('config', 'check');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Invalid ${path.join(broken.dir, 'ringfence.yaml')}:`);
    expect(result.stderr).toContain(
      '- models.chat.targets[0].provider: unknown provider "nowhere"',
    );
    expect(result.stderr).toContain(
      '- providers.openai.apiKey: environment variable RF_MISSING_KEY is not set',
    );
    expect(result.stderr).toContain(
      '- server.adminToken: environment variable RF_MISSING_ADMIN is not set',
    );
  });

  it('refuses a key pasted into the file without printing it', async () => {
    const pasted = 'sk-live-pasted-key-0123456789abcdef';
    const broken = workspace({ providers: { openai: { kind: 'openai', apiKey: pasted } } });
    const result = await broken.run('config', 'check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '- providers.openai.apiKey: must be a reference of the form env:NAME',
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(pasted);
  });

  it('refuses a provider base URL without an http(s) scheme', async () => {
    const broken = workspace({
      providers: { local: { kind: 'openai', baseUrl: 'localhost:11434/v1' } },
    });
    const result = await broken.run('config', 'check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '- providers.local.baseUrl: must be an http:// or https:// URL',
    );
  });

  it('reports a YAML syntax error by line', async () => {
    const broken = workspace();
    broken.writeConfig('server:\n  port: 8080\n   host: oops\n');
    const result = await broken.run('config', 'check');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/- \(file\): YAML syntax error at line \d+/);
  });

  it('checks the file named by --config, not ./ringfence.yaml', async () => {
    const valid = workspace();
    const missing = await valid.run('config', 'check', '--config', 'other.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(path.join(valid.dir, 'other.yaml'));
    expect(missing.stderr).toContain('- (file): cannot be read (ENOENT)');
    expect((await valid.run('config', 'check')).code).toBe(0);
  });

  it('prints a machine-readable summary with --json', async () => {
    const valid = workspace({
      providers: { local: { kind: 'openai', baseUrl: 'http://127.0.0.1:11434/v1' } },
      models: { chat: { targets: [{ provider: 'local', model: 'llama3' }] } },
    });
    const result = await valid.run('config', 'check', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      file: path.join(valid.dir, 'ringfence.yaml'),
      providers: ['local', 'sim'],
      models: ['chat', 'sim/echo', 'sim/obedient', 'sim/scripted'],
    });
  });
});
