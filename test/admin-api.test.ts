/**
 * The admin API (`/admin/v1/…`) end to end: the bearer admin token
 * (`server.adminToken: env:NAME`), the API off without one, suspensions and
 * keys created, listed and removed, audit query and verification, the
 * routing overview, every change audited with its actor, and invalid bodies
 * answered 400 with the field at fault in `param`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bearer,
  openAiChat,
  requestJson,
  type JsonReply,
  type JsonRequest,
} from './support/http-json.ts';
import { startTestGateway, type TestGateway } from './support/test-gateway.ts';

const ADMIN_TOKEN = 'admin-token-for-admin-api-tests';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway(
    {
      providers: { local: { kind: 'sim', regions: { deny: ['cn'] } } },
      models: {
        chat: {
          targets: [
            { provider: 'local', model: 'echo' },
            { provider: 'local', model: 'obedient' },
          ],
        },
      },
      server: { adminToken: 'env:RF_ADMIN_TOKEN' },
    },
    { RF_ADMIN_TOKEN: ADMIN_TOKEN },
  );
});

afterAll(async () => {
  await gateway.close();
});

function admin(path: string, request: JsonRequest = {}): Promise<JsonReply> {
  return requestJson(`${gateway.url}/admin/v1/${path}`, {
    ...request,
    headers: { ...bearer(ADMIN_TOKEN), ...request.headers },
  });
}

const keyReplySchema = z.object({
  key: z.string(),
  record: z.object({ id: z.string(), name: z.string(), prefix: z.string() }),
});
const auditListSchema = z.object({
  data: z.array(
    z.object({
      seq: z.number(),
      type: z.string(),
      keyId: z.string().optional(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

describe('admin API authentication', () => {
  it('answers 401 admin_unauthorized without a token and with a wrong one', async () => {
    const anonymous = await requestJson(`${gateway.url}/admin/v1/keys`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({
      error: { code: 'admin_unauthorized', type: 'invalid_request_error' },
    });
    const wrong = await requestJson(`${gateway.url}/admin/v1/keys`, {
      headers: bearer('not-the-admin-token'),
    });
    expect(wrong.status).toBe(401);
    // A gateway key is not an admin token either.
    const { secret } = await gateway.gateway.store.keys.create({ name: 'not-admin' });
    expect(
      (await requestJson(`${gateway.url}/admin/v1/keys`, { headers: bearer(secret) })).status,
    ).toBe(401);
  });

  it('is disabled (401 for any token) when no admin token is configured', async () => {
    const bare = await startTestGateway();
    try {
      const reply = await requestJson(`${bare.url}/admin/v1/suspensions`, {
        headers: bearer(ADMIN_TOKEN),
      });
      expect(reply.status).toBe(401);
      expect(reply.json).toMatchObject({ error: { code: 'admin_unauthorized' } });
    } finally {
      await bare.close();
    }
  });

  it('answers 404 not_found for an unknown admin path', async () => {
    const reply = await admin('widgets');
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('admin API resources', () => {
  it('creates, lists and resumes suspensions, auditing each change', async () => {
    const created = await admin('suspensions', {
      body: { pattern: 'local/echo', reason: 'drill 7' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      pattern: 'local/echo',
      reason: 'drill 7',
      source: 'admin',
      createdBy: 'admin-api',
    });
    expect((await admin('suspensions')).json).toMatchObject({
      data: [{ pattern: 'local/echo', reason: 'drill 7' }],
    });

    const resumed = await admin('suspensions/local%2Fecho', { method: 'DELETE' });
    expect(resumed.json).toEqual({ resumed: 'local/echo' });
    expect((await admin('suspensions')).json).toEqual({ data: [] });
    const again = await admin('suspensions/local%2Fecho', { method: 'DELETE' });
    expect(again.status).toBe(404);

    const audit = auditListSchema.parse((await admin('audit?type=admin.suspension&limit=2')).json);
    expect(audit.data.map((entry) => entry.data)).toEqual([
      { action: 'resume', actor: 'admin-api', pattern: 'local/echo' },
      { action: 'suspend', actor: 'admin-api', pattern: 'local/echo', reason: 'drill 7' },
    ]);
  });

  it('creates a key shown once, lists it without the secret, and revokes it, auditing each change', async () => {
    const created = await admin('keys', {
      body: {
        name: 'billing-bot',
        models: ['chat'],
        region: 'eu',
        rpm: 600,
        labels: { team: 'billing' },
      },
    });
    expect(created.status).toBe(201);
    const { key, record } = keyReplySchema.parse(created.json);
    expect(record).toMatchObject({ name: 'billing-bot', prefix: key.slice(0, 7) });
    const chat = await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(key),
      body: openAiChat('chat'),
    });
    expect(chat.status).toBe(200);

    const listed = await admin('keys');
    expect(listed.json).toMatchObject({
      data: expect.arrayContaining([
        expect.objectContaining({
          id: record.id,
          models: ['chat'],
          region: 'eu',
          rpm: 600,
          labels: { team: 'billing' },
        }),
      ]) as unknown,
    });
    expect(listed.text).not.toContain(key);
    expect(listed.text).not.toContain('secret_hash');

    expect((await admin(`keys/${record.id}`, { method: 'DELETE' })).json).toEqual({
      revoked: record.id,
    });
    const refused = await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(key),
      body: openAiChat('chat'),
    });
    expect(refused.status).toBe(401);
    expect((await admin(`keys/${record.id}`, { method: 'DELETE' })).status).toBe(404);

    const audit = auditListSchema.parse(
      (await admin(`audit?type=admin.key&key=${record.id}`)).json,
    );
    expect(audit.data.map((entry) => entry.data)).toEqual([
      { action: 'revoke', actor: 'admin-api' },
      { action: 'create', actor: 'admin-api', name: 'billing-bot' },
    ]);
  });

  it('queries the audit log by filter, newest first, and verifies the chain', async () => {
    const { secret } = await gateway.gateway.store.keys.create({ name: 'sloppy-client' });
    await requestJson(`${gateway.url}/v1/chat/completions`, {
      headers: bearer(secret),
      body: '{not json',
    });
    const rejected = auditListSchema.parse((await admin('audit?outcome=rejected&limit=1')).json);
    expect(rejected.data).toHaveLength(1);
    expect(rejected.data[0]?.data).toMatchObject({ status: 400, errorCode: 'invalid_json' });

    const all = auditListSchema.parse((await admin('audit?limit=10000')).json);
    const seqs = all.data.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((left, right) => right - left));
    const future = auditListSchema.parse((await admin(`audit?since=${Date.now() + 60_000}`)).json);
    expect(future.data).toEqual([]);

    const verify = await admin('audit/verify');
    expect(verify.json).toEqual({
      ok: true,
      entries: all.data.length,
      headSeq: seqs[0],
      problems: [],
    });
  });

  it('shows every alias with its targets, breaker state, suspensions and region rules', async () => {
    await gateway.gateway.store.suspensions.suspend('obedient', 'not for production', 'test');
    try {
      const overview = await admin('routing');
      expect(overview.json).toEqual({
        suspensions: 1,
        aliases: expect.objectContaining({
          chat: [
            {
              id: 'local/echo',
              provider: 'local',
              model: 'echo',
              breaker: 'closed',
              regions: { deny: ['cn'] },
            },
            {
              id: 'local/obedient',
              provider: 'local',
              model: 'obedient',
              breaker: 'closed',
              suspended: 'not for production',
              regions: { deny: ['cn'] },
            },
          ],
        }) as unknown,
      });
    } finally {
      await gateway.gateway.store.suspensions.resume('obedient');
    }
  });
});

describe('admin API input validation', () => {
  it.each([
    ['suspensions', { pattern: 'local/echo' }, 'reason'],
    ['suspensions', { pattern: 'bad pattern!', reason: 'x' }, 'pattern'],
    ['keys', { name: 'x', rpm: 0 }, 'rpm'],
    ['keys', { name: 'x', region: 'EU West' }, 'region'],
    ['keys', { name: 'x', models: ['ok', 'not ok'] }, 'models.1'],
  ])(
    'answers 400 invalid_request naming the field for POST %s %j',
    async (resource, body, param) => {
      const before = gateway.gateway.store.audit.query({ newestFirst: true, limit: 1 })[0]?.seq;
      const reply = await admin(resource, { body });
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ error: { code: 'invalid_request', param } });
      // Nothing was changed, so nothing was audited.
      expect(gateway.gateway.store.audit.query({ newestFirst: true, limit: 1 })[0]?.seq).toBe(
        before,
      );
    },
  );

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const reply = await admin('keys', { body: '{"name": ' });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: { code: 'invalid_json' } });
  });
});
