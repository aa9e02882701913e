import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatStreamPart } from '../../chat/types.ts';
import { GatewayError } from '../../errors.ts';
import { applyRedactions } from '../redact.ts';
import type { DecidedFinding, Finding, GuardAction, Inspect, Subject } from '../types.ts';
import { guardStream, type StreamGuardOptions } from './guard-stream.ts';

// Deterministic stand-ins for the real detectors (which live elsewhere):
// a fixed-format secret, canaries, an SSN that counts only after a keyword,
// and a whole PEM private-key block.
const SECRET = /SECRET-[A-Z0-9]{24}/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const CANARY = 'CANARY-7f3a9c';

interface Actions {
  readonly secret?: GuardAction;
  readonly canary?: GuardAction;
  readonly ssn?: GuardAction;
  readonly key?: GuardAction;
}

function finding(
  detector: string,
  rule: string,
  type: string,
  start: number,
  end: number,
): Finding {
  return {
    detector,
    rule,
    type,
    score: 1,
    view: 'original',
    reason: 'test rule',
    span: { start, end },
  };
}

function fakeInspect(actions: Actions = {}, calls?: Subject[]): Inspect {
  return (subject) => {
    calls?.push(subject);
    const found: { finding: Finding; action: GuardAction }[] = [];
    for (const match of subject.text.matchAll(SECRET)) {
      const f = finding(
        'secrets',
        'fake-secret',
        'fake_secret',
        match.index,
        match.index + match[0].length,
      );
      found.push({ finding: f, action: actions.secret ?? 'redact' });
    }
    for (const canary of subject.canaries) {
      for (
        let at = subject.text.indexOf(canary);
        at >= 0;
        at = subject.text.indexOf(canary, at + 1)
      ) {
        found.push({
          finding: finding('canary', 'planted', 'canary', at, at + canary.length),
          action: actions.canary ?? 'redact',
        });
      }
    }
    for (const match of subject.text.matchAll(SSN)) {
      const before = subject.text.slice(Math.max(0, match.index - 40), match.index);
      if (!/ssn/i.test(before)) continue;
      const f = finding('pii', 'ssn-keyword', 'ssn', match.index, match.index + match[0].length);
      found.push({ finding: f, action: actions.ssn ?? 'redact' });
    }
    for (const match of subject.text.matchAll(PRIVATE_KEY)) {
      const f = finding(
        'secrets',
        'private-key',
        'private_key',
        match.index,
        match.index + match[0].length,
      );
      found.push({ finding: f, action: actions.key ?? 'redact' });
    }
    return found.map(({ finding: f, action }) => ({
      finding: f,
      action,
      surface: subject.surface,
      location: subject.location,
    }));
  };
}

async function* source(parts: readonly ChatStreamPart[]): AsyncGenerator<ChatStreamPart> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

const START: ChatStreamPart = { type: 'start', id: 'chatcmpl-1', model: 'sim' };
const FINISH: ChatStreamPart = {
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 9 },
};

function textStream(chunks: readonly string[]): ChatStreamPart[] {
  return [START, ...chunks.map((text): ChatStreamPart => ({ type: 'text-delta', text })), FINISH];
}

async function collect(
  parts: readonly ChatStreamPart[],
  options: Partial<StreamGuardOptions> = {},
): Promise<ChatStreamPart[]> {
  const out: ChatStreamPart[] = [];
  for await (const part of guardStream(source(parts), {
    inspect: fakeInspect(),
    canaries: [CANARY],
    ...options,
  })) {
    out.push(part);
  }
  return out;
}

function releasedText(parts: readonly ChatStreamPart[]): string {
  return parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
}

async function failure(run: Promise<unknown>): Promise<GatewayError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the stream to fail');
}

/** The non-streamed answer: the whole text inspected once. */
function redactWhole(text: string, inspect: Inspect = fakeInspect()): string {
  return applyRedactions(
    text,
    inspect({ surface: 'output', text, location: 'output.text', canaries: [CANARY] }),
  );
}

function cutAt(text: string, cuts: readonly number[]): string[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const offset of [...offsets, text.length]) {
    chunks.push(text.slice(previous, offset));
    previous = offset;
  }
  return chunks;
}

const SHORT_KEY = `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg${'Q'.repeat(90)}\n-----END EC PRIVATE KEY-----`;
const secretA = 'SECRET-ABCDEFGHIJKLMNOPQRSTUVWX';
const secretB = 'SECRET-0123456789ABCDEF01234567';

describe('guardStream', () => {
  it('redacts a secret split across chunk boundaries', async () => {
    const parts = await collect(
      textStream(['Your key is SEC', 'RET-ABCDEFGHIJKL', 'MNOPQRSTUVWX, keep it safe.']),
    );
    expect(releasedText(parts)).toBe('Your key is [REDACTED:fake_secret], keep it safe.');
  });

  it('passes start and finish through unchanged, finish after all released text', async () => {
    const parts = await collect(textStream(['hello ', 'world']));
    expect(parts[0]).toBe(START);
    expect(parts.at(-1)).toBe(FINISH);
    expect(parts.slice(1, -1).every((part) => part.type === 'text-delta')).toBe(true);
    expect(releasedText(parts)).toBe('hello world');
  });

  it('releases text before the stream ends once it is past the hold-back window', async () => {
    const seen: string[] = [];
    const long = 'a'.repeat(1000);
    const chunks = cutAt(long, [100, 200, 300, 400, 500, 600, 700, 800, 900]);
    async function* slow(): AsyncGenerator<ChatStreamPart> {
      yield START;
      for (const text of chunks) {
        await Promise.resolve();
        yield { type: 'text-delta', text };
      }
      seen.push('source-finished');
      yield FINISH;
    }
    for await (const part of guardStream(slow(), {
      inspect: fakeInspect(),
      canaries: [],
      holdBackChars: 256,
    })) {
      if (part.type === 'text-delta') seen.push(`released:${part.text.length}`);
    }
    expect(seen.indexOf('source-finished')).toBeGreaterThan(0);
    const beforeEnd = seen
      .slice(0, seen.indexOf('source-finished'))
      .map((entry) => Number(entry.split(':')[1]));
    expect(beforeEnd.reduce((sum, n) => sum + n, 0)).toBe(1000 - 256);
  });

  it('uses released text as context for a keyword rule across the boundary', async () => {
    const text = `My ssn is ${'x'.repeat(20)} 123-45-6789 and ${'y'.repeat(300)}`;
    const chunks = cutAt(text, [5, 12, 31, 33, 40]);
    const parts = await collect(textStream(chunks), {
      holdBackChars: 16,
      inspectEveryChars: 4,
      contextChars: 64,
    });
    expect(releasedText(parts)).toBe(redactWhole(text));
    expect(releasedText(parts)).toContain('[REDACTED:ssn]');
  });

  describe('matches the non-streamed redaction however the stream is chunked', () => {
    const filler = fc.string({
      unit: fc.constantFrom('a', 'b', 'z', ' ', '.', '-', '1', '9', 'é', '\n', '😀'),
      maxLength: 60,
    });
    const plant = fc.oneof(
      fc.constant(secretA),
      fc.constant(secretB),
      fc.constant(CANARY),
      fc.constant('ssn: 123-45-6789.'),
      // Longer than the hold-back window: held from BEGIN to END.
      fc.constant(SHORT_KEY),
      fc.stringMatching(/^SECRET-[A-Z0-9]{24}$/),
    );
    const answer = fc
      .tuple(filler, fc.array(fc.tuple(plant, filler), { maxLength: 6 }))
      .map(([head, rest]) => ({
        text: head + rest.map(([p, f]) => p + f).join(''),
        planted: rest.map(([p]) => p),
      }));
    const small = { holdBackChars: 40, contextChars: 48, inspectEveryChars: 7, maxHeldChars: 400 };

    it('at every single boundary, and one character per chunk', async () => {
      const text = `hi ssn ${secretA} and 987-65-4321 then ${CANARY}${secretB} end é😀 ${'q'.repeat(90)} ${SHORT_KEY} tail ${secretA}`;
      const expected = redactWhole(text);
      expect(expected).not.toContain(secretA);
      for (let cut = 0; cut <= text.length; cut++) {
        const parts = await collect(textStream([text.slice(0, cut), text.slice(cut)]), small);
        expect(releasedText(parts), `cut at ${cut}`).toBe(expected);
      }
      const single = await collect(textStream(text.split('')), small);
      expect(releasedText(single)).toBe(expected);
      // Every UTF-16 code unit on its own, with the default window sizes.
      const defaults = await collect(textStream(text.split('')));
      expect(releasedText(defaults)).toBe(expected);
    });

    it('for random answers and random chunkings (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(
          answer,
          fc.array(fc.nat(), { maxLength: 30 }),
          async ({ text, planted }, cuts) => {
            const parts = await collect(textStream(cutAt(text, cuts)), small);
            const released = releasedText(parts);
            expect(released).toBe(redactWhole(text));
            for (const secret of planted) {
              expect(released).not.toContain(secret.startsWith('ssn') ? '123-45-6789' : secret);
            }
            expect(released).not.toContain('MHcCAQEE');
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  it('ends with guard_blocked and never releases the blocked match', async () => {
    const text = `${'harmless '.repeat(60)}here: ${CANARY} and more ${'text '.repeat(80)}`;
    const released: string[] = [];
    const decided: DecidedFinding[] = [];
    const stream = guardStream(source(textStream(cutAt(text, [300, 540, 548, 560]))), {
      inspect: fakeInspect({ canary: 'block' }),
      canaries: [CANARY],
      onDecided: (found) => decided.push(...found),
    });
    const error = await failure(
      (async () => {
        for await (const part of stream) if (part.type === 'text-delta') released.push(part.text);
      })(),
    );
    expect(error.code).toBe('guard_blocked');
    expect(error.status).toBe(400);
    expect(error.message).toContain('canary');
    expect(error.message).toContain('planted');
    expect(error.message).toContain('output.text');
    expect(error.message).not.toContain(CANARY);
    expect(released.join('')).not.toContain('CANARY');
    expect(released.join('').length).toBeGreaterThan(0);
    expect(decided.map((entry) => entry.action)).toEqual(['block']);
  });

  it('when a match blocks, releases only a prefix of the redacted answer, without the match (fast-check)', async () => {
    const filler = fc.string({ unit: fc.constantFrom('a', ' ', '-', '7', 'é'), maxLength: 200 });
    const answer = fc
      .tuple(filler, fc.array(fc.tuple(fc.constantFrom(secretA, CANARY), filler), { maxLength: 4 }))
      .map(([head, rest]) => head + rest.map(([plant, tail]) => plant + tail).join(''));
    const inspect = fakeInspect({ canary: 'block' });
    await fc.assert(
      fc.asyncProperty(answer, fc.array(fc.nat(), { maxLength: 30 }), async (text, cuts) => {
        const released: string[] = [];
        const run = (async () => {
          const stream = guardStream(source(textStream(cutAt(text, cuts))), {
            inspect,
            canaries: [CANARY],
            // The longest planted match: a prefix of one is not a match yet.
            holdBackChars: secretA.length,
            contextChars: 20,
            inspectEveryChars: 3,
          });
          for await (const part of stream) if (part.type === 'text-delta') released.push(part.text);
        })();
        const redactedOnly = redactWhole(text, fakeInspect());
        if (text.includes(CANARY)) {
          expect((await failure(run)).code).toBe('guard_blocked');
          expect(released.join('')).not.toContain(CANARY);
          expect(redactedOnly.startsWith(released.join(''))).toBe(true);
        } else {
          await run;
          expect(released.join('')).toBe(redactedOnly);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports findings with spans in the whole answer, not in the window', async () => {
    const decided: DecidedFinding[] = [];
    const text = `${'w'.repeat(1000)}${secretA}${'v'.repeat(400)}`;
    await collect(
      textStream(
        cutAt(
          text,
          Array.from({ length: 80 }, (_, i) => i * 20),
        ),
      ),
      {
        onDecided: (found) => decided.push(...found),
      },
    );
    expect(decided.map((entry) => entry.finding.span)).toEqual([
      { start: 1000, end: 1000 + secretA.length },
    ]);
    expect(decided[0]?.location).toBe('output.text');
  });

  it('holds a private key block until its END marker and redacts it whole', async () => {
    const body = Array.from(
      { length: 40 },
      (_, line) => `MIIEv${String(line).padStart(3, '0')}${'A'.repeat(56)}`,
    ).join('\n');
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    const text = `Here is the key:\n${key}\nDone.`;
    expect(key.length).toBeGreaterThan(2000);
    const released: string[] = [];
    const chunks = cutAt(
      text,
      Array.from({ length: 150 }, (_, i) => i * 20),
    );
    for await (const part of guardStream(source(textStream(chunks)), {
      inspect: fakeInspect(),
      canaries: [],
    })) {
      if (part.type === 'text-delta') released.push(part.text);
    }
    expect(released.join('')).toBe('Here is the key:\n[REDACTED:private_key]\nDone.');
    expect(released.join('')).not.toContain('MIIEv');
  });

  it('keeps holding a key block when a large delta fills the buffer to the cap', async () => {
    // One delta longer than maxHeldChars, with a key block that straddles the
    // first cap-sized piece: the cap must not release the block's head.
    const text = `${'p'.repeat(255)}${SHORT_KEY}${'r'.repeat(300)}`;
    const parts = await collect(textStream([text]), {
      holdBackChars: 40,
      inspectEveryChars: 7,
      maxHeldChars: 400,
    });
    expect(releasedText(parts)).toBe(`${'p'.repeat(255)}[REDACTED:private_key]${'r'.repeat(300)}`);
  });

  it('at maxHeldChars releases an unterminated key block that no detector flags', async () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${'B'.repeat(3000)}`;
    const subjects: Subject[] = [];
    const parts = await collect(
      textStream(
        cutAt(
          text,
          Array.from({ length: 300 }, (_, i) => i * 10),
        ),
      ),
      {
        inspect: fakeInspect({}, subjects),
        maxHeldChars: 1024,
      },
    );
    expect(releasedText(parts)).toBe(text);
    expect(Math.max(...subjects.map((subject) => subject.text.length))).toBeLessThanOrEqual(
      1024 + 256,
    );
  });

  it('at maxHeldChars redacts a held key block when the inspection flags it', async () => {
    // A detector that flags an unterminated BEGIN line, as a real one may.
    const beginOnly: Inspect = (subject) => {
      const at = subject.text.indexOf('-----BEGIN PRIVATE KEY-----');
      if (at < 0) return [];
      return [
        {
          finding: finding('secrets', 'private-key', 'private_key', at, subject.text.length),
          action: 'redact',
          surface: 'output',
          location: subject.location,
        },
      ];
    };
    const text = `key: -----BEGIN PRIVATE KEY-----\n${'C'.repeat(1500)}`;
    const parts = await collect(
      textStream(
        cutAt(
          text,
          Array.from({ length: 160 }, (_, i) => i * 10),
        ),
      ),
      {
        inspect: beginOnly,
        maxHeldChars: 1024,
      },
    );
    expect(releasedText(parts).startsWith('key: [REDACTED:private_key]')).toBe(true);
    expect(releasedText(parts)).not.toContain('BEGIN');
  });

  it('keeps the held text and every inspected subject within maxHeldChars', async () => {
    // A match that never ends (a long base64 blob) must not grow the buffer.
    const endless: Inspect = (subject) => {
      const found: DecidedFinding[] = [];
      for (const match of subject.text.matchAll(/[A-Z]{40,}/g)) {
        found.push({
          finding: finding('secrets', 'blob', 'blob', match.index, match.index + match[0].length),
          action: 'redact',
          surface: 'output',
          location: subject.location,
        });
      }
      return found;
    };
    const lengths: number[] = [];
    const inspect: Inspect = (subject) => {
      lengths.push(subject.text.length);
      return endless(subject);
    };
    const text = `start ${'Q'.repeat(50_000)} end`;
    const parts = await collect(
      textStream([
        text.slice(0, 20_000),
        ...cutAt(
          text.slice(20_000),
          Array.from({ length: 100 }, (_, i) => i * 300),
        ),
      ]),
      {
        inspect,
        maxHeldChars: 2048,
      },
    );
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2048 + 256);
    expect(releasedText(parts)).not.toMatch(/Q{40}/);
    expect(releasedText(parts)).toMatch(/^start \[REDACTED:blob\]/);
  });

  it('redacts tool-call arguments inside JSON strings and keeps the order of parts', async () => {
    const args = `{"query":"use ${secretA} now","limit":3}`;
    const parts = await collect([
      START,
      { type: 'text-delta', text: 'Calling the tool.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'search' },
      ...cutAt(args, [5, 17, 30, 41]).map((argumentsDelta): ChatStreamPart => ({
        type: 'tool-call-delta',
        index: 0,
        argumentsDelta,
      })),
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'noop' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { ...FINISH, finishReason: 'tool-calls' },
    ]);
    expect(parts).toEqual([
      START,
      { type: 'text-delta', text: 'Calling the tool.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'search' },
      {
        type: 'tool-call-delta',
        index: 0,
        argumentsDelta: '{"query":"use [REDACTED:fake_secret] now","limit":3}',
      },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'noop' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { ...FINISH, finishReason: 'tool-calls' },
    ]);
  });

  it('blocks on a tool call and names its location', async () => {
    const error = await failure(
      collect(
        [
          START,
          { type: 'tool-call-start', index: 2, id: 'call_3', name: 'fetch' },
          {
            type: 'tool-call-delta',
            index: 2,
            argumentsDelta: `{"url":"https://x.test/?q=${CANARY}"}`,
          },
          FINISH,
        ],
        { inspect: fakeInspect({ canary: 'block' }) },
      ),
    );
    expect(error.code).toBe('guard_blocked');
    expect(error.message).toContain('output.tool_calls[2].arguments');
  });

  it('releases tool arguments longer than maxHeldChars in windows, still redacted', async () => {
    const args = JSON.stringify({ content: `${'x'.repeat(3000)} ${secretB} ${'y'.repeat(3000)}` });
    const parts = await collect(
      [
        START,
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'write_file' },
        ...cutAt(
          args,
          Array.from({ length: 70 }, (_, i) => i * 97),
        ).map((argumentsDelta): ChatStreamPart => ({
          type: 'tool-call-delta',
          index: 0,
          argumentsDelta,
        })),
        FINISH,
      ],
      { maxHeldChars: 1024 },
    );
    const deltas = parts.filter((part) => part.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(1);
    const joined = deltas.map((part) => part.argumentsDelta).join('');
    expect(joined).toBe(args.replace(secretB, '[REDACTED:fake_secret]'));
    expect(parts.findIndex((part) => part.type === 'tool-call-start')).toBe(1);
  });

  it('releases a tool call before text that follows it, and guards a late delta on its own', async () => {
    const parts = await collect([
      START,
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'a' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'b' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: `"${secretA}"}` },
      { type: 'text-delta', text: 'after' },
      FINISH,
    ]);
    expect(parts).toEqual([
      START,
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'a' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'b' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"[REDACTED:fake_secret]"}' },
      { type: 'text-delta', text: 'after' },
      FINISH,
    ]);
  });

  it('releases tool arguments equal to the whole-text JSON redaction however they are chunked', async () => {
    const args = JSON.stringify({ a: `x ${secretA} y`, b: [1, CANARY, { c: secretB }] });
    const expected = JSON.stringify({
      a: 'x [REDACTED:fake_secret] y',
      b: [1, '[REDACTED:canary]', { c: '[REDACTED:fake_secret]' }],
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 20 }), async (cuts) => {
        const deltas = cutAt(args, cuts).map((argumentsDelta): ChatStreamPart => ({
          type: 'tool-call-delta',
          index: 0,
          argumentsDelta,
        }));
        const parts = await collect([
          START,
          { type: 'tool-call-start', index: 0, id: 'c', name: 'n' },
          ...deltas,
          FINISH,
        ]);
        expect(parts.filter((part) => part.type === 'tool-call-delta')).toEqual([
          { type: 'tool-call-delta', index: 0, argumentsDelta: expected },
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it('replaces the rest of the text with one label on a whole-text redaction', async () => {
    const wholeText: Inspect = (subject) =>
      subject.text.includes('FORBIDDEN')
        ? [
            {
              finding: {
                detector: 'hidden-text',
                rule: 'whole',
                type: 'hidden',
                score: 1,
                view: 'original',
                reason: 'r',
              },
              action: 'redact',
              surface: 'output',
              location: subject.location,
            },
          ]
        : [];
    const text = `${'fine '.repeat(100)}FORBIDDEN ${'more '.repeat(100)}`;
    const parts = await collect(
      textStream(
        cutAt(
          text,
          Array.from({ length: 100 }, (_, i) => i * 10),
        ),
      ),
      { inspect: wholeText },
    );
    const released = releasedText(parts);
    expect(released).not.toContain('FORBIDDEN');
    expect(released.endsWith('[REDACTED:hidden]')).toBe(true);
    expect(released.split('[REDACTED:hidden]')).toHaveLength(2);
  });

  it('flushes held text when the source ends without finish', async () => {
    const parts = await collect([START, { type: 'text-delta', text: `ends with ${secretA}` }]);
    expect(parts).toEqual([
      START,
      { type: 'text-delta', text: 'ends with [REDACTED:fake_secret]' },
    ]);
  });

  it('rejects window sizes that cannot bound memory when it is called', () => {
    const options = { inspect: fakeInspect(), canaries: [] };
    expect(() => guardStream(source([]), { ...options, maxHeldChars: 100 })).toThrow(RangeError);
    expect(() => guardStream(source([]), { ...options, inspectEveryChars: 0 })).toThrow(RangeError);
    expect(() => guardStream(source([]), { ...options, holdBackChars: -1 })).toThrow(RangeError);
  });

  it('fails closed with guard_failed when the inspection throws', async () => {
    const error = await failure(
      collect(textStream(['some text']), {
        inspect: () => {
          throw new Error('detector crashed on SECRET-XYZ');
        },
      }),
    );
    expect(error.code).toBe('guard_failed');
    expect(error.status).toBe(503);
    expect(error.message).not.toContain('SECRET');
  });

  it('closes the source when the consumer returns early', async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<ChatStreamPart> {
      try {
        yield START;
        for (;;) {
          await Promise.resolve();
          yield { type: 'text-delta', text: 'more text. ' };
        }
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    for await (const part of guardStream(endless(), { inspect: fakeInspect(), canaries: [] })) {
      if (part.type === 'text-delta' && ++seen === 3) break;
    }
    expect(closed).toBe(true);
  });

  it('reports each finding once, and flagged text is released unchanged', async () => {
    const decided: DecidedFinding[] = [];
    const text = `one ${secretA} two ${'z'.repeat(500)} three ${secretB}`;
    const parts = await collect(textStream(text.split('')), {
      inspect: fakeInspect({ secret: 'flag' }),
      onDecided: (found) => decided.push(...found),
    });
    expect(releasedText(parts)).toBe(text);
    expect(decided.map((entry) => [entry.finding.rule, entry.action])).toEqual([
      ['fake-secret', 'flag'],
      ['fake-secret', 'flag'],
    ]);
  });

  it('never splits a surrogate pair between released parts', async () => {
    const text = '😀'.repeat(400);
    const chunks = Array.from(text); // whole code points, as a provider decodes them
    const parts = await collect(textStream(chunks), { holdBackChars: 33, inspectEveryChars: 5 });
    for (const part of parts) {
      if (part.type !== 'text-delta') continue;
      expect(part.text.length % 2, JSON.stringify(part.text.slice(0, 4))).toBe(0);
    }
    expect(releasedText(parts)).toBe(text);
  });

  it('inspects a bounded window per chunk, not the whole answer', async () => {
    const subjects: Subject[] = [];
    const text = 'lorem ipsum dolor sit amet '.repeat(400); // ~10.8 KB
    await collect(
      textStream(
        cutAt(
          text,
          Array.from({ length: 540 }, (_, i) => i * 20),
        ),
      ),
      {
        inspect: fakeInspect({}, subjects),
      },
    );
    const inspected = subjects.reduce((sum, subject) => sum + subject.text.length, 0);
    expect(Math.max(...subjects.map((subject) => subject.text.length))).toBeLessThanOrEqual(
      256 + 256 + 64 + 20,
    );
    // Each character is seen by a bounded number of windows: linear overall.
    expect(inspected).toBeLessThan(text.length * 10);
    expect(subjects.length).toBeLessThan(text.length / 64 + 3);
  });
});
