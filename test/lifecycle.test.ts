/**
 * The gateway as an operator runs it: the BUILT command line (`node
 * dist/src/cli/bin.js serve`) in a child process. `npm test` runs `npm run
 * build` first, so `dist/` exists; when running vitest directly after
 * changing `src/`, run `npm run build` first.
 *
 * Start-up with no configuration at all, providers from the environment,
 * graceful shutdown on SIGTERM with a stream in flight, and configuration
 * reload on SIGHUP (good and bad). One worker each (`--workers 1`); the
 * cluster has its own file.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import { within } from './support/deadline.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import { openAiChat, requestJson } from './support/http-json.ts';
import { startServe, stopAllServeProcesses, type ServeProcess } from './support/serve-process.ts';
import {
  slowStreamText,
  startSlowOpenAiUpstream,
  type SlowOpenAiUpstream,
} from './support/slow-openai-upstream.ts';

const directories: string[] = [];

function emptyDirectory(): string {
  // realpath: on macOS the temp directory is reached through a symlink.
  const directory = realpathSync(mkdtempSync(path.join(tmpdir(), 'ringfence-lifecycle-')));
  directories.push(directory);
  return directory;
}

afterAll(async () => {
  await stopAllServeProcesses();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function sdk(url: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-in-open-mode', maxRetries: 0 });
}

/** Whether a new TCP connection to `url` is refused. */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED');
    });
  });
}

describe('zero-configuration start', () => {
  it('prints the real URL, the data path and an example, creates the database and answers the OpenAI SDK', async () => {
    const cwd = emptyDirectory();
    const gateway = await startServe({ cwd, args: ['--port', '0', '--workers', '1'] });
    const port = Number(new URL(gateway.url).port);
    expect(gateway.url).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
    const database = path.join(cwd, '.ringfence', 'ringfence.db');
    expect(gateway.banner).toContain(`data:      ${database}`);
    expect(gateway.banner).toContain('providers: sim');
    expect(gateway.banner).toContain('OPEN MODE');
    expect(gateway.banner).toContain(`curl -s ${gateway.url}/v1/chat/completions`);
    expect(gateway.banner).toContain('"model":"sim/echo"');
    expect(existsSync(database)).toBe(true);

    const completion = await sdk(gateway.url).chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'Hello from a fresh install' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: Hello from a fresh install');
    expect(await gateway.stop()).toEqual({ code: 0, signal: null });
  });

  it('adds the openai provider from OPENAI_API_KEY, sent to OPENAI_BASE_URL', async () => {
    const upstream = await startFakeOpenAiUpstream();
    try {
      const gateway = await startServe({
        cwd: emptyDirectory(),
        args: ['--port', '0', '--workers', '1'],
        env: {
          OPENAI_API_KEY: 'sk-from-the-environment-0123456789',
          OPENAI_BASE_URL: upstream.baseUrl,
        },
      });
      expect(gateway.banner).toContain('providers: openai, sim');
      // Open mode allows `provider/model` directly.
      const completion = await sdk(gateway.url).chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'via the environment' }],
      });
      expect(completion.choices[0]?.message.content).toBe('echo: via the environment');
      expect(upstream.requests[0]?.headers['authorization']).toBe(
        'Bearer sk-from-the-environment-0123456789',
      );
      expect((upstream.requests[0]?.body as { model?: string }).model).toBe('gpt-4o-mini');
      expect(await gateway.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await upstream.close();
    }
  });
});

describe('SIGTERM with a stream in flight', () => {
  const CHUNKS = 20;
  let upstream: SlowOpenAiUpstream;

  beforeAll(async () => {
    upstream = await startSlowOpenAiUpstream({ chunks: CHUNKS, intervalMs: 100 });
  });

  afterAll(async () => {
    await upstream.close();
  });

  it('finishes the stream, refuses new connections, exits 0 and audits the stream as complete', async () => {
    const cwd = emptyDirectory();
    writeFileSync(
      path.join(cwd, 'ringfence.yaml'),
      toYaml({
        providers: { slow: { kind: 'openai', baseUrl: upstream.baseUrl } },
        models: { slow: { targets: [{ provider: 'slow', model: 'gpt-4o-mini' }] } },
      }),
    );
    const gateway = await startServe({ cwd, args: ['--port', '0', '--workers', '1'] });

    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...openAiChat('slow'), stream: true }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id') ?? '';
    const body = response.text();
    await within(5_000, 'the upstream stream to start', upstream.streamStarted());

    gateway.signal('SIGTERM');
    await gateway.waitForLog(
      (line) => line['msg'] === 'shutting down: draining in-flight requests',
      'the drain log line',
    );
    await within(
      5_000,
      'new connections to be refused',
      (async () => {
        while (!(await refusesConnections(gateway.url))) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })(),
    );
    // Refused while the stream was still running: the drain did not cut it.
    expect(upstream.finished).toBe(0);

    const text = await within(10_000, 'the in-flight stream', body);
    const content = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice(6)) as { choices: { delta: { content?: string } }[] })
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe(slowStreamText(CHUNKS));
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);

    expect(await within(10_000, 'the process to exit', gateway.exited)).toEqual({
      code: 0,
      signal: null,
    });
    const store = openSqliteStore({
      path: path.join(cwd, '.ringfence', 'ringfence.db'),
      synchronous: 'normal',
    });
    try {
      const [outcome] = store.audit.query({ requestId, type: 'request.outcome' });
      expect(outcome?.outcome).toBe('complete');
      expect(store.audit.verify().ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('SIGHUP reload', () => {
  let cwd: string;
  let gateway: ServeProcess;
  const configFile = (): string => path.join(cwd, 'gateway.yaml');
  const aliases = (names: readonly string[]) =>
    Object.fromEntries(
      names.map((name) => [name, { targets: [{ provider: 'sim', model: 'echo' }] }]),
    );
  const ask = async (model: string): Promise<number> =>
    (
      await within(
        5_000,
        `a request to ${model}`,
        requestJson(`${gateway.url}/v1/chat/completions`, { body: openAiChat(model) }),
      )
    ).status;

  beforeAll(async () => {
    cwd = emptyDirectory();
    writeFileSync(configFile(), toYaml({ models: aliases(['first']) }));
    gateway = await startServe({
      cwd,
      args: ['--config', configFile(), '--port', '0', '--workers', '1'],
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('applies an edited configuration: an alias added to the file works after SIGHUP', async () => {
    expect(await ask('first')).toBe(200);
    expect(await ask('second')).toBe(404);
    writeFileSync(configFile(), toYaml({ models: aliases(['first', 'second']) }));
    gateway.signal('SIGHUP');
    await gateway.waitForLog((line) => line['msg'] === 'configuration reloaded', 'the reload');
    expect(await ask('second')).toBe(200);
  });

  it('keeps the running configuration when the file became invalid, logs every problem and stays up', async () => {
    writeFileSync(
      configFile(),
      toYaml({
        servr: { port: 1 },
        models: { third: { targets: [{ provider: 'sim', model: 'echo', timeoutMs: 'soon' }] } },
      }),
    );
    gateway.signal('SIGHUP');
    const line = await gateway.waitForLog(
      (entry) => entry['msg'] === 'reload failed; keeping the running configuration',
      'the failed reload log line',
    );
    expect(line['level']).toBe('error');
    const problems = line['problems'] as string[];
    expect(problems.some((problem) => problem.startsWith('servr: unknown key'))).toBe(true);
    expect(
      problems.some((problem) => problem.startsWith('models.third.targets[0].timeoutMs: ')),
    ).toBe(true);
    // Still up, on the configuration that was running.
    expect(await ask('first')).toBe(200);
    expect(await ask('second')).toBe(200);
    expect(await ask('third')).toBe(404);
  });
});
