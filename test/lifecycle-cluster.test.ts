/**
 * `ringfence serve --workers 2` from the BUILT command line (`npm test`
 * builds first; run `npm run build` after changing `src/` when running
 * vitest directly): both workers serve, `/metrics` merges their numbers
 * whichever worker is scraped, and SIGTERM stops every process.
 */
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/audit-records.ts';
import { within } from './support/deadline.ts';
import {
  childPids,
  isAlive,
  startServe,
  stopAllServeProcesses,
  type ServeProcess,
} from './support/serve-process.ts';

const WORKERS = 2;
let cwd: string;
let gateway: ServeProcess;
let workers: number[];

beforeAll(async () => {
  cwd = realpathSync(mkdtempSync(path.join(tmpdir(), 'ringfence-cluster-')));
  gateway = await startServe({ cwd, args: ['--port', '0', '--workers', String(WORKERS)] });
  workers = childPids(gateway.pid);
});

afterAll(async () => {
  await stopAllServeProcesses();
  rmSync(cwd, { recursive: true, force: true });
});

interface Reply {
  readonly status: number;
  readonly requestId: string;
  readonly body: string;
}

/** One request on a connection of its own, so the cluster may hand it to any worker. */
function fresh(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return within(
    5_000,
    `${method} ${route}`,
    new Promise<Reply>((resolve, reject) => {
      const outgoing = httpRequest(
        new URL(route, gateway.url),
        {
          method,
          agent: new Agent({ keepAlive: false }),
          headers: {
            connection: 'close',
            ...(text === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const id = incoming.headers['x-request-id'];
            resolve({
              status: incoming.statusCode ?? 0,
              requestId: typeof id === 'string' ? id : '',
              body: Buffer.concat(chunks).toString(),
            });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(text);
    }),
  );
}

/** The sum of every series of `name` in Prometheus text. */
function total(exposition: string, name: string): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('a cluster of two workers', () => {
  it('announces the real bound port and both workers', () => {
    expect(gateway.banner).toMatch(/listening on http:\/\/127\.0\.0\.1:[1-9]\d* \(2 workers\)/);
    expect(workers).toHaveLength(WORKERS);
  });

  it('serves requests from both workers', async () => {
    const processes = new Set<string>();
    for (let index = 0; index < 12; index++) {
      const reply = await fresh('POST', '/v1/chat/completions', {
        model: 'sim/echo',
        messages: [{ role: 'user', content: `request ${index}` }],
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toContain(`echo: request ${index}`);
      // Request ids start with a random prefix per process (gateway/request-id.ts).
      processes.add(reply.requestId.slice(0, 'req_'.length + 12));
    }
    expect(processes.size).toBe(WORKERS);
  });

  it('merges the metrics of every worker, whichever worker is scraped', async () => {
    const before = total((await fresh('GET', '/metrics')).body, 'ringfence_requests_total');
    const count = 10;
    for (let index = 0; index < count; index++) {
      const reply = await fresh('POST', '/v1/chat/completions', {
        model: 'sim/echo',
        messages: [{ role: 'user', content: 'count me' }],
      });
      expect(reply.status).toBe(200);
    }
    // Several scrapes land on different workers; each sees the whole cluster.
    for (let scrape = 0; scrape < 4; scrape++) {
      const text = (await fresh('GET', '/metrics')).body;
      expect(text).toMatch(/^ringfence_metrics_processes 2$/m);
      expect(text).toMatch(/^ringfence_metrics_partial 0$/m);
      expect(total(text, 'ringfence_requests_total') - before).toBe(count);
    }
  });

  it('stops every process on SIGTERM and exits 0, leaving no worker behind', async () => {
    expect(workers.every(isAlive)).toBe(true);
    expect(await within(15_000, 'the cluster to stop', gateway.stop())).toEqual({
      code: 0,
      signal: null,
    });
    await waitFor(() => (workers.some(isAlive) ? undefined : true), 'the workers to exit', 5_000);
  });
});
