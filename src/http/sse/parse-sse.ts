/**
 * Server-Sent Events parser (WHATWG HTML §9.2.6 "Interpreting an event
 * stream"): bytes in, events out.
 *
 * Chunk boundaries may fall anywhere, including inside a multi-byte UTF-8
 * character or between the CR and LF of a line ending; the output does not
 * depend on them. Per the spec an event is dispatched only at a blank line,
 * so a final event torn off by a dropped connection is never emitted: callers
 * detect truncation by the absence of their provider's terminal event.
 */
import type { SseEvent } from '../../providers/types.ts';

/** Longest line accepted; longer means a broken or hostile upstream. */
export const MAX_SSE_LINE_CHARS = 8 * 1024 * 1024;

export class SseLineTooLongError extends Error {
  override readonly name = 'SseLineTooLongError';
}

export async function* parseSse(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SseEvent, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  const rest = decoder.decode();
  if (rest !== '') yield* parser.push(rest);
  // A trailing line without its terminator is processed, but an event with no
  // blank line after it is not dispatched (spec: "discard" at end of stream).
  parser.end();
}

/** Incremental, synchronous core of {@link parseSse}; usable without async iteration. */
export class SseParser {
  #buffer = '';
  #pendingCr = false;
  #data: string[] = [];
  #event: string | undefined;
  #id: string | undefined;
  #hasData = false;

  /** Feeds decoded text; returns the events completed by it. */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    let index = 0;
    const length = text.length;
    if (this.#pendingCr && length > 0) {
      // CRLF split across chunks: the LF belongs to the CR already handled.
      if (text.charCodeAt(0) === 10) {
        start = 1;
        index = 1;
      }
      this.#pendingCr = false;
    }
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === 10 || code === 13) {
        const line = this.#buffer + text.slice(start, index);
        this.#buffer = '';
        this.#line(line, events);
        if (code === 13) {
          if (index + 1 < length) {
            if (text.charCodeAt(index + 1) === 10) index++;
          } else {
            this.#pendingCr = true;
          }
        }
        start = index + 1;
      }
      index++;
    }
    if (start < length) {
      this.#buffer += text.slice(start);
      if (this.#buffer.length > MAX_SSE_LINE_CHARS) {
        throw new SseLineTooLongError('SSE line exceeds the maximum length');
      }
    }
    return events;
  }

  /** Ends the stream: a line without terminator is processed, an undispatched event dropped. */
  end(): void {
    if (this.#buffer !== '') {
      this.#line(this.#buffer, []);
      this.#buffer = '';
    }
    this.#data = [];
    this.#hasData = false;
    this.#event = undefined;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#hasData) {
        const event: { event?: string; data: string; id?: string } = {
          data: this.#data.join('\n'),
        };
        if (this.#event !== undefined) event.event = this.#event;
        if (this.#id !== undefined) event.id = this.#id;
        events.push(event);
      }
      this.#data = [];
      this.#hasData = false;
      this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment (keep-alive)
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case 'data':
        this.#data.push(value);
        this.#hasData = true;
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      default:
        // `retry` and unknown fields are ignored: the gateway never reconnects upstream streams.
        break;
    }
  }
}
