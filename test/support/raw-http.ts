/**
 * HTTP/1.1 over a bare TCP socket, for tests that must control every byte a
 * client sends: malformed request lines, chunked bodies, a body that stalls
 * and is abandoned. `fetch` and `node:http` would refuse or repair these.
 */
import { connect, type Socket } from 'node:net';

export interface RawReply {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One piece of what the client writes: bytes, or a pause before the next piece. */
export type RawPiece = string | Buffer | { readonly pauseMs: number };

export interface RawOptions {
  /** Fails the exchange after this long (default 5 s): nothing in a test may hang. */
  readonly timeoutMs?: number;
}

/**
 * Writes `pieces` to the server at `url` and reads one response: up to its
 * `Content-Length`, or until the server closes the connection.
 */
export function rawExchange(
  url: string,
  pieces: readonly RawPiece[],
  options: RawOptions = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const received: Buffer[] = [];
    let settled = false;
    const settle = (outcome: { reply: RawReply } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => {
      settle({ error: new Error(`no complete response within ${options.timeoutMs ?? 5_000} ms`) });
    }, options.timeoutMs ?? 5_000);

    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const reply = parseReply(Buffer.concat(received), false);
      if (reply !== undefined) settle({ reply });
    });
    socket.on('end', () => {
      const reply = parseReply(Buffer.concat(received), true);
      settle(
        reply === undefined
          ? { error: new Error('the server closed the connection without a response') }
          : { reply },
      );
    });
    // The server may answer early (a 413) and reset while we still write: keep what was read.
    socket.on('error', (error) => {
      const reply = parseReply(Buffer.concat(received), true);
      settle(reply === undefined ? { error } : { reply });
    });
    socket.once('connect', () => {
      void writePieces(socket, pieces);
    });
  });
}

/**
 * Sends the request head and part of a body, waits `stallMs`, then drops the
 * connection without finishing: a client that gave up (or an attacker).
 * Resolves with whatever the server said before the drop (usually nothing).
 */
export function stallThenDisconnect(
  url: string,
  head: string,
  partialBody: string,
  stallMs: number,
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.once('connect', () => {
      socket.write(head + partialBody);
      setTimeout(() => {
        socket.destroy();
        resolve(Buffer.concat(received).toString('utf8'));
      }, stallMs);
    });
  });
}

/** A request head (request line and headers, ending in the blank line). */
export function requestHead(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | number>>,
): string {
  const lines = [`${method} ${path} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${String(value)}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Encodes `data` as one chunk of a chunked body (RFC 9112 §7.1). */
export function chunk(data: string | Buffer): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([
    Buffer.from(`${bytes.length.toString(16)}\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
}

/** The last chunk of a chunked body. */
export const LAST_CHUNK = '0\r\n\r\n';

async function writePieces(socket: Socket, pieces: readonly RawPiece[]): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed) return;
    if (typeof piece === 'object' && 'pauseMs' in piece) {
      await new Promise((resolve) => setTimeout(resolve, piece.pauseMs));
    } else {
      socket.write(piece);
    }
  }
}

function parseReply(bytes: Buffer, closed: boolean): RawReply | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const body = bytes.subarray(end + 4);
  const length = headers['content-length'];
  if (length !== undefined) {
    if (body.length < Number(length)) return undefined;
    return { status, headers, body: body.subarray(0, Number(length)).toString('utf8') };
  }
  return closed ? { status, headers, body: body.toString('utf8') } : undefined;
}
