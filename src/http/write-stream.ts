import type { ServerResponse } from 'node:http';

/**
 * Writes one piece of a stream, honouring backpressure: when the socket
 * buffer is full, waits for `drain` (or for the client to go away, so a
 * vanished client cannot hold the request forever).
 */
export function writeSse(response: ServerResponse, text: string): Promise<void> | undefined {
  if (response.destroyed) return undefined;
  if (response.write(text)) return undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
