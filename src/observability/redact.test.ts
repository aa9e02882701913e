import { describe, expect, it } from 'vitest';
import { Secret } from '../config/secret.ts';
import { GatewayError } from '../errors.ts';
import { MASK } from './mask-credentials.ts';
import { DEFAULT_REDACTION_LIMITS, OMITTED, redact, redactFields } from './redact.ts';

describe('redactFields', () => {
  it('renders Secret instances as [secret]', () => {
    const secret = new Secret('sk-proj-Ab12Cd34Ef56Gh78Ij90', 'env:OPENAI_API_KEY');
    expect(redactFields({ upstream: { credential: secret, other: secret } })).toEqual({
      upstream: { credential: MASK, other: '[secret]' },
    });
  });

  it('masks credential-named fields whatever their value looks like', () => {
    const fields = {
      authorization: 'x',
      'X-Api-Key': 'short',
      api_key: 'pw',
      apiKey: ['a', 'b'],
      token: 'abc',
      adminToken: 'abc',
      password: 'hunter2',
      clientSecret: 'abc',
      cookie: 'session=1',
      'set-cookie': ['a=b'],
      aws_secret_access_key: 'abc',
    };
    const redacted = redactFields(fields);
    for (const name of Object.keys(fields)) expect(redacted[name]).toBe(MASK);
  });

  it('keeps numbers and booleans under credential-like names, such as token counts', () => {
    expect(redactFields({ maxTokens: 100, inputTokens: 12, token: 7, hasPassword: false })).toEqual(
      { maxTokens: 100, inputTokens: 12, token: 7, hasPassword: false },
    );
  });

  it('masks key-named values only when they look like credentials', () => {
    expect(
      redactFields({
        key: 'key_01',
        cacheKey: 'alias:gpt-4o',
        keyId: 'k9',
        idempotencyKey: 'a1b2c3d4e5f6a7b8c9d0e1',
      }),
    ).toEqual({ key: 'key_01', cacheKey: 'alias:gpt-4o', keyId: 'k9', idempotencyKey: MASK });
  });

  it('omits prompts, bodies and completions', () => {
    const redacted = redactFields({
      body: '{"messages":[]}',
      prompt: 'tell me a secret',
      messages: [{ role: 'user', content: 'hi' }],
      nested: { content: 'hello', responseBody: 'x', text: 'y' },
    });
    expect(redacted).toEqual({
      body: OMITTED,
      prompt: OMITTED,
      messages: OMITTED,
      nested: { content: OMITTED, responseBody: OMITTED, text: OMITTED },
    });
  });

  it('masks credentials inside nested strings, arrays and field names', () => {
    const redacted = redactFields({
      upstream: { url: 'https://api.example.com/v1?api_key=pw12345', note: ['Bearer abcdefgh1'] },
      usage: { 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12': 3 },
    });
    const text = JSON.stringify(redacted);
    expect(text).not.toContain('pw12345');
    expect(text).not.toContain('abcdefgh1');
    expect(text).not.toContain('Ab12Cd34');
  });

  it('keeps a field named __proto__ as an ordinary field', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const redacted = redactFields(parsed);
    expect(Object.keys(redacted)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('redact', () => {
  it('serialises errors as name, code and masked message, without stack or extra properties', () => {
    const upstream = Object.assign(new Error('401 from upstream: Bearer abcdefghij12 invalid'), {
      code: 'E_UPSTREAM',
      response: { body: 'secret body' },
      headers: { authorization: 'Bearer x' },
    });
    const error = new GatewayError('upstream_auth_failed', 'Upstream rejected the key.', {
      cause: upstream,
    });
    expect(redact({ error })).toEqual({
      error: {
        name: 'GatewayError',
        code: 'upstream_auth_failed',
        message: 'Upstream rejected the key.',
        cause: {
          name: 'Error',
          code: 'E_UPSTREAM',
          message: `401 from upstream: Bearer ${MASK} invalid`,
        },
      },
    });
  });

  it('cuts long error messages short', () => {
    const redacted = redact(new Error('x '.repeat(5000))) as { readonly message: string };
    expect(redacted.message.length).toBeLessThan(600);
  });

  it('describes binary data by size instead of dumping it', () => {
    expect(redact({ chunk: Buffer.from('secret bytes') })).toEqual({ chunk: '[binary 12 bytes]' });
  });

  it('bounds depth, keys, array items and cycles', () => {
    const cyclic: { self?: unknown; name: string } = { name: 'a' };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ name: 'a', self: '[circular]' });

    let deep: unknown = 'leaf';
    for (let level = 0; level < 20; level++) deep = { deeper: deep };
    expect(JSON.stringify(redact(deep))).toContain('[truncated]');

    const wide = Object.fromEntries(
      Array.from({ length: 200 }, (_, index) => [`f${String(index)}`, index]),
    );
    const redactedWide = redact(wide) as Readonly<Record<string, unknown>>;
    expect(Object.keys(redactedWide)).toHaveLength(DEFAULT_REDACTION_LIMITS.maxKeysPerObject + 1);

    const long = redact(Array.from({ length: 100 }, () => 1)) as readonly unknown[];
    expect(long).toHaveLength(DEFAULT_REDACTION_LIMITS.maxArrayItems + 1);
    expect(long.at(-1)).toBe('[36 more]');
  });

  it('turns values JSON cannot hold into strings or drops them', () => {
    expect(
      redact({ big: 10n, nan: Number.NaN, fn: () => 1, missing: undefined, when: new Date(0) }),
    ).toEqual({ big: '10', nan: 'NaN', when: '1970-01-01T00:00:00.000Z' });
  });

  it('survives getters that throw', () => {
    const hostile = {
      get boom(): string {
        throw new Error('no');
      },
    };
    expect(redact({ hostile })).toEqual({ hostile: '[unreadable]' });
  });

  it('masks credentials in URL objects', () => {
    expect(redact(new URL('https://user:pw-1234@example.com/?token=abc'))).toBe(
      `https://user:${MASK}@example.com/?token=${MASK}`,
    );
  });
});

describe('redactFields on hostile input', () => {
  it('keeps the line when the fields object itself cannot be read', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(redactFields(hostile)).toEqual({ fields: '[unreadable]' });
  });
});
