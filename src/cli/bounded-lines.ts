/**
 * Lines of a byte stream with a size bound. `readline` holds a whole line in
 * memory before handing it over, so one endless line would exhaust memory;
 * here a line over the bound is dropped as it streams past and reported as
 * `oversized`, and reading goes on with the next line.
 */
import type { Readable } from 'node:stream';

export type BoundedLine =
  | { readonly kind: 'line'; readonly number: number; readonly text: string }
  | { readonly kind: 'oversized'; readonly number: number; readonly bytes: number };

const NEWLINE = 0x0a;

export async function* boundedLines(
  input: Readable,
  maxBytes: number,
): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let number = 0;

  function finish(): BoundedLine {
    number++;
    let line: BoundedLine;
    if (oversized) line = { kind: 'oversized', number, bytes: size };
    else {
      const text = Buffer.concat(parts).toString('utf8');
      line = { kind: 'line', number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
    parts = [];
    size = 0;
    oversized = false;
    return line;
  }

  function append(piece: Buffer): void {
    size += piece.length;
    if (oversized) return;
    if (size > maxBytes) {
      oversized = true;
      parts = [];
      return;
    }
    parts.push(piece);
  }

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end === -1) break;
      append(bytes.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    if (start < bytes.length) append(bytes.subarray(start));
  }
  // An oversized tail has size > 0 too.
  if (size > 0) yield finish();
}
