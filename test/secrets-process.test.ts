/**
 * Secrets hygiene of a real `ringfence serve` process (the BUILT command
 * line; `npm test` builds first): at log level `debug`, through successes,
 * upstream failures that echo the key, a reload, a rejected reload of a file
 * with the key pasted inline, and shutdown, nothing the process prints on
 * stdout or stderr contains the provider key, the admin token or the
 * gateway key. (secrets.test.ts covers responses, audit rows, metrics, the
 * admin API and the database in-process.)
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { within } from './support/deadline.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { bearer, openAiChat, requestJson } from './support/http-json.ts';
import { startServe, stopAllServeProcesses, type ServeProcess } from './support/serve-process.ts';

/** Not key-shaped on purpose: no redaction pattern can catch it, only care can. */
const UPSTREAM_KEY = 'upstream-plain-secret-4711';
const ADMIN_TOKEN = 'admin-plain-secret-0815';

let cwd: string;
let upstream: FakeUpstream;
let gateway: ServeProcess;
let gatewayKey = '';
let exitCode: number | null = null;

function config(apiKey: string): string {
  return toYaml({
    logging: { level: 'debug' },
    server: { adminToken: 'env:RF_ADMIN_TOKEN' },
    routing: {
      retry: { maxRetriesPerTarget: 1, baseDelayMs: 1, maxDelayMs: 5 },
      // The failures below are deliberate; an open circuit would hide the last request.
      breaker: { failureThreshold: 100 },
    },
    providers: { upstream: { kind: 'openai', baseUrl: upstream.baseUrl, apiKey } },
    models: { gpt: { targets: [{ provider: 'upstream', model: 'gpt-4o-mini' }] } },
  });
}

const echo = `Incorrect API key provided: ${UPSTREAM_KEY}.`;

async function chat(): Promise<number> {
  const reply = await within(
    5_000,
    'a chat request',
    requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(gatewayKey),
      body: openAiChat('gpt'),
    }),
  );
  return reply.status;
}

beforeAll(async () => {
  cwd = realpathSync(mkdtempSync(path.join(tmpdir(), 'ringfence-secrets-process-')));
  upstream = await startFakeOpenAiUpstream();
  const file = path.join(cwd, 'ringfence.yaml');
  writeFileSync(file, config('env:RF_UPSTREAM_KEY'));
  gateway = await startServe({
    cwd,
    args: ['--port', '0', '--workers', '1'],
    env: { RF_UPSTREAM_KEY: UPSTREAM_KEY, RF_ADMIN_TOKEN: ADMIN_TOKEN },
  });

  const created = await requestJson(`${gateway.url}/admin/v1/keys`, {
    headers: bearer(ADMIN_TOKEN),
    body: { name: 'process-secrets' },
  });
  gatewayKey = (created.json as { key: string }).key;

  expect(await chat()).toBe(200);
  upstream.enqueue({ kind: 'status', status: 401, message: echo });
  expect(await chat()).toBe(502);
  upstream.enqueue(
    { kind: 'status', status: 500, message: echo },
    { kind: 'status', status: 500, message: echo },
  );
  expect(await chat()).toBe(502);
  upstream.enqueue({ kind: 'status', status: 400, message: echo });
  expect(await chat()).toBe(400);
  upstream.enqueue({ kind: 'reset' }, { kind: 'reset' });
  expect(await chat()).toBe(502);
  // Credentials presented in the wrong places.
  const wrong = await requestJson(`${gateway.url}/v1/chat/completions`, {
    headers: bearer(ADMIN_TOKEN),
    body: openAiChat('gpt'),
  });
  expect(wrong.status).toBe(401);
  const notAdmin = await requestJson(`${gateway.url}/admin/v1/keys`, {
    headers: bearer(gatewayKey),
  });
  expect(notAdmin.status).toBe(401);

  gateway.signal('SIGHUP');
  await gateway.waitForLog((line) => line['msg'] === 'configuration reloaded', 'the reload');
  // An operator pastes the key into the file instead of referencing it.
  writeFileSync(file, config(UPSTREAM_KEY));
  gateway.signal('SIGHUP');
  await gateway.waitForLog(
    (line) => line['msg'] === 'reload failed; keeping the running configuration',
    'the failed reload',
  );
  expect(await chat()).toBe(200);
  exitCode = (await gateway.stop()).code;
}, 60_000);

afterAll(async () => {
  await stopAllServeProcesses();
  await upstream.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('what a gateway process prints', () => {
  it('logs the reloads and the shutdown as JSON lines, and exits 0', () => {
    const messages = gateway.logs().map((line) => line['msg']);
    expect(messages).toContain('configuration reloaded');
    expect(messages).toContain('reload failed; keeping the running configuration');
    expect(messages).toContain('shutting down: draining in-flight requests');
    expect(exitCode).toBe(0);
  });

  it('names the inline key problem by its path without repeating the value', () => {
    const failed = gateway
      .logs()
      .find((line) => line['msg'] === 'reload failed; keeping the running configuration');
    const problems = failed?.['problems'] as string[];
    expect(problems.some((problem) => problem.startsWith('providers.upstream.apiKey: '))).toBe(
      true,
    );
  });

  it('never prints the provider key, the admin token or the gateway key', () => {
    const output = `${gateway.stdout()}\n${gateway.stderr()}`;
    expect(gatewayKey).toMatch(/^rf_/);
    for (const [name, secret] of [
      ['provider key', UPSTREAM_KEY],
      ['admin token', ADMIN_TOKEN],
      ['gateway key', gatewayKey],
    ] as const) {
      expect(output.includes(secret), `${name} printed:\n${output}`).toBe(false);
    }
  });
});
