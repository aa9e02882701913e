import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Secret } from '../config/secret.ts';
import { GatewayError } from '../errors.ts';
import { createLogger } from './logger.ts';
import type { LogFields, Logger, LoggerOptions } from './logger.ts';

interface SecretFixture {
  readonly label: string;
  readonly text: string;
  readonly fragment: string;
}

const SECRET_FIXTURES = (
  JSON.parse(readFileSync(new URL('__fixtures__/secrets.json', import.meta.url), 'utf8')) as {
    readonly secrets: readonly SecretFixture[];
  }
).secrets;

function capture(options: LoggerOptions = {}): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6),
    ...options,
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines };
}

function parse(line: string | undefined): Readonly<Record<string, unknown>> {
  return JSON.parse(line ?? 'null') as Readonly<Record<string, unknown>>;
}

describe('createLogger', () => {
  it('writes one JSON object per line with ts, level and msg first', () => {
    const { logger, lines } = capture();
    logger.info('request done', { requestId: 'r1', status: 200, durationMs: 1.5 });
    expect(lines).toEqual([
      '{"ts":"2025-01-02T03:04:05.006Z","level":"info","msg":"request done","requestId":"r1","status":200,"durationMs":1.5}\n',
    ]);
  });

  it('drops lines below the level and writes nothing when silent', () => {
    const { logger, lines } = capture({ level: 'warn' });
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines.map((line) => parse(line)['level'])).toEqual(['warn', 'error']);
    expect(logger.isLevelEnabled('info')).toBe(false);
    expect(logger.isLevelEnabled('error')).toBe(true);

    const silent = capture({ level: 'silent' });
    silent.logger.error('x');
    expect(silent.lines).toEqual([]);
  });

  it('does not touch the fields of a disabled line', () => {
    const { logger } = capture({ level: 'error' });
    let reads = 0;
    const fields = {
      get expensive(): string {
        reads++;
        return 'x';
      },
    };
    logger.debug('skipped', fields);
    expect(reads).toBe(0);
  });

  it('adds child bindings to every line, and fields override them', () => {
    const { logger, lines } = capture();
    const child = logger.child({ requestId: 'r1', alias: 'fast' }).child({ target: 't1' });
    child.info('attempt', { alias: 'slow' });
    expect(parse(lines[0])).toMatchObject({ requestId: 'r1', alias: 'slow', target: 't1' });
  });

  it('keeps caller fields named ts, level or msg under a prefixed name', () => {
    const { logger, lines } = capture();
    logger.info('m', { level: 'caller', msg: 'caller', ts: 1 });
    expect(parse(lines[0])).toMatchObject({
      level: 'info',
      msg: 'm',
      _level: 'caller',
      _msg: 'caller',
      _ts: 1,
    });
  });

  it('never lets a failing destination throw into the caller', () => {
    const logger = createLogger({
      destination: {
        write: () => {
          throw new Error('EPIPE');
        },
      },
    });
    expect(() => {
      logger.error('x');
    }).not.toThrow();
  });

  it('never writes a credential, however it is passed', () => {
    const { logger, lines } = capture({ level: 'debug' });
    for (const fixture of SECRET_FIXTURES) {
      const error = new GatewayError('upstream_error', 'Upstream failed.', {
        cause: new Error(`upstream said ${fixture.text}`),
      });
      const fields: LogFields = {
        note: `value ${fixture.text} end`,
        nested: { deeper: { list: ['ok', fixture.text] } },
        headers2: { authorization: fixture.text, 'x-api-key': fixture.text },
        apiKey: fixture.text,
        key: fixture.text,
        upstreamKey: new Secret(fixture.text, 'env:KEY'),
        error,
      };
      logger.debug(`message with ${fixture.text}`, fields);
      logger.child({ bound: fixture.text, token: fixture.text }).warn('child');
    }
    expect(lines).toHaveLength(SECRET_FIXTURES.length * 2);
    const output = lines.join('');
    for (const fixture of SECRET_FIXTURES) {
      expect(output, fixture.label).not.toContain(fixture.fragment);
    }
  });

  it('never writes prompt or body content', () => {
    const { logger, lines } = capture();
    const untyped = {
      body: 'PROMPT-TEXT-1',
      prompt: 'PROMPT-TEXT-2',
      request: { messages: ['PROMPT-TEXT-3'] },
    };
    logger.info('request', untyped as unknown as LogFields);
    expect(lines.join('')).not.toContain('PROMPT-TEXT');
  });

  it('rejects content fields at compile time', () => {
    const { logger, lines } = capture();
    // @ts-expect-error: `body` is not a log field; pass ids, codes and counts instead.
    logger.info('request', { body: 'x' });
    expect(parse(lines[0])['body']).toBe('[omitted]');
  });
});
