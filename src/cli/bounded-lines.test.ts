import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundedLines, type BoundedLine } from './bounded-lines.ts';

async function collect(
  chunks: readonly (string | Buffer)[],
  maxBytes: number,
): Promise<BoundedLine[]> {
  const lines: BoundedLine[] = [];
  for await (const line of boundedLines(Readable.from(chunks), maxBytes)) lines.push(line);
  return lines;
}

describe('boundedLines', () => {
  it('splits on newlines across chunk boundaries and drops a carriage return before one', async () => {
    expect(await collect(['ab', 'c\r\nde', 'f\ng'], 100)).toEqual([
      { kind: 'line', number: 1, text: 'abc' },
      { kind: 'line', number: 2, text: 'def' },
      { kind: 'line', number: 3, text: 'g' },
    ]);
  });

  it('keeps a multi-byte character split between chunks intact', async () => {
    const bytes = Buffer.from('é€\n', 'utf8');
    expect(
      await collect([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)], 100),
    ).toEqual([{ kind: 'line', number: 1, text: 'é€' }]);
  });

  it('reports an over-long line by its size and goes on with the next one', async () => {
    expect(await collect(['12345', '678\nok\n', '123456789'], 5)).toEqual([
      { kind: 'oversized', number: 1, bytes: 8 },
      { kind: 'line', number: 2, text: 'ok' },
      { kind: 'oversized', number: 3, bytes: 9 },
    ]);
  });

  it('accepts a line of exactly the limit and yields empty lines', async () => {
    expect(await collect(['12345\n\n'], 5)).toEqual([
      { kind: 'line', number: 1, text: '12345' },
      { kind: 'line', number: 2, text: '' },
    ]);
  });
});
