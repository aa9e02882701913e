/**
 * Reads a request body into one Buffer, refusing more than `limit` bytes as
 * early as possible: a declared `Content-Length` over the limit is refused
 * before reading, and a chunked body is cut off when it crosses the limit.
 */
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors.ts';

export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: GatewayError | undefined, body?: Buffer): void => {
      if (done) return;
      done = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      if (error !== undefined) {
        // Keep draining so the socket stays usable for the error response.
        request.resume();
        reject(error);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (cause: Error): void => {
      finish(new GatewayError('invalid_request', 'The request body could not be read.', { cause }));
    };
    const onAborted = (): void => {
      finish(new GatewayError('invalid_request', 'The request body was cut off.'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    'body_too_large',
    `The request body is larger than the limit of ${limit} bytes.`,
  );
}
