/**
 * The BUILT command line against a running gateway on the same data
 * directory, as an operator uses it: a key or suspension made by the CLI
 * applies to the gateway's next request, and the audit commands read what
 * the gateway recorded. `npm test` builds first (see `cli.test.ts`).
 */
import OpenAI, { AuthenticationError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConfigInput } from '../src/config/schema.ts';
import { requestIdOf, requestRecords } from './support/audit-records.ts';
import { assertCliBuilt, createCliWorkspace, type CliWorkspace } from './support/built-cli.ts';
import { startFakeOpenAiUpstream } from './support/fake-openai-upstream.ts';
import type { FakeUpstream } from './support/fake-upstream-types.ts';
import { bearer, openAiChat, requestJson } from './support/http-json.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

let upstream: FakeUpstream;
let gateway: TestGateway;
let workspace: CliWorkspace;
let secret: string;

beforeAll(async () => {
  assertCliBuilt();
  upstream = await startFakeOpenAiUpstream();
  const config = {
    providers: { upstream: { kind: 'openai', baseUrl: upstream.baseUrl } },
    models: {
      chat: {
        targets: [
          { provider: 'upstream', model: 'gpt-4o' },
          { provider: 'upstream', model: 'gpt-4o-mini' },
        ],
      },
    },
  } satisfies ConfigInput;
  gateway = await startTestGateway(config);
  // The CLI reads the same configuration and data directory as the gateway.
  workspace = createCliWorkspace({ ...config, dataDir: gateway.dataDir });
  secret = (await gateway.gateway.store.keys.create({ name: 'app' })).secret;
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
  workspace.dispose();
});

beforeEach(() => {
  upstream.reset();
});

async function servedBy(key = secret): Promise<string | null> {
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  return response.headers.get('x-ringfence-target');
}

const entriesSchema = z.array(
  z.object({
    seq: z.number(),
    type: z.string(),
    requestId: z.string().optional(),
    outcome: z.string().optional(),
  }),
);

describe('the CLI against a running gateway', () => {
  it('creates a key the gateway accepts at once, and revokes it for the next request', async () => {
    const created = await workspace.run(
      'keys',
      'create',
      '--name',
      'from-cli',
      '--models',
      'chat',
      '--json',
    );
    expect(created.code).toBe(0);
    const { key, record } = z
      .object({ key: z.string(), record: z.object({ id: z.string() }) })
      .parse(JSON.parse(created.stdout));
    expect(await servedBy(key)).toBe('upstream/gpt-4o');

    expect((await workspace.run('keys', 'revoke', record.id)).code).toBe(0);
    const error = await servedBy(key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('suspends a target so the very next request falls back, and resumes it', async () => {
    expect(await servedBy()).toBe('upstream/gpt-4o');
    const suspended = await workspace.run(
      'models',
      'suspend',
      'upstream/gpt-4o',
      '--reason',
      'drill',
    );
    expect(suspended.code).toBe(0);
    expect(await servedBy()).toBe('upstream/gpt-4o-mini');
    expect(gateway.gateway.store.suspensions.list()).toMatchObject([
      { pattern: 'upstream/gpt-4o', reason: 'drill', createdBy: 'cli' },
    ]);

    expect((await workspace.run('models', 'resume', 'upstream/gpt-4o')).code).toBe(0);
    expect(await servedBy()).toBe('upstream/gpt-4o');
    expect(upstream.requests.map((request) => request.body)).toMatchObject([
      { model: 'gpt-4o' },
      { model: 'gpt-4o-mini' },
      { model: 'gpt-4o' },
    ]);
  });

  it('reads what the gateway recorded: verify, tail, query by outcome and head', async () => {
    const rejected = await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(secret),
      body: openAiChat('no-such-model'),
    });
    expect(rejected.status).toBe(404);
    const rejectedId = requestIdOf(rejected.headers);
    const completed = await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(secret),
      body: openAiChat('chat'),
    });
    const { outcome } = await requestRecords(
      gateway.gateway.store.audit,
      requestIdOf(completed.headers),
    );

    const verified = await workspace.run('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK: \d+ entries, chain intact up to #\d+\.$/m);

    const tail = await workspace.run('audit', 'tail', '-n', '2');
    const lines = tail.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^#${outcome.seq} \\S+ request\\.outcome ${outcome.requestId ?? ''} key=key_\\w+ model=chat outcome=complete status=200 target=upstream/gpt-4o$`,
      ),
    );
    expect(lines[0]).toMatch(new RegExp(`^#${outcome.seq - 1} .* request\\.intent `));

    const query = await workspace.run('audit', 'query', '--outcome', 'rejected', '--json');
    const rejections = entriesSchema.parse(JSON.parse(query.stdout));
    expect(rejections.length).toBeGreaterThan(0);
    expect(rejections.every((entry) => entry.outcome === 'rejected')).toBe(true);
    expect(rejections.map((entry) => entry.requestId)).toContain(rejectedId);

    const head = await workspace.run('audit', 'head');
    expect(head.code).toBe(0);
    const [newest] = gateway.gateway.store.audit.query({ newestFirst: true, limit: 1 });
    expect(head.stdout).toBe(`${newest?.seq ?? 0}:${newest?.hash ?? ''}\n`);
    // The recorded head is a checkpoint a later verify can be held to.
    const checked = await workspace.run('audit', 'verify', '--checkpoint', head.stdout.trim());
    expect(checked.code).toBe(0);
  });
});
