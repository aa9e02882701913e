/**
 * A deliberately slow OpenAI-compatible streaming upstream: every chat
 * request is answered with an SSE stream of one content chunk every
 * `intervalMs`, then the finish chunk and `data: [DONE]` (the event order of
 * the API reference, "The chat completion chunk object"). Slow streams keep
 * many requests open at once, which is what the memory scenario measures.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowStreamOptions {
  readonly intervalMs: number;
  /** Content chunks per stream. */
  readonly chunks: number;
}

export interface SlowStreamUpstream {
  /** Base URL for provider config, ending in `/v1`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startSlowStreamUpstream(
  options: SlowStreamOptions,
): Promise<SlowStreamUpstream> {
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      stream(response, ++sequence);
    });
  });

  function stream(response: ServerResponse, id: number): void {
    const head = `{"id":"chatcmpl-slow${id}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":"gpt-4o-mini","choices":[{"index":0,"delta":`;
    const chunk = (delta: string, finish: string): string =>
      `data: ${head}${delta},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    response.write(chunk('{"role":"assistant","content":""}', 'null'));
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed) {
        stop();
        return;
      }
      if (sent < options.chunks) {
        sent++;
        response.write(chunk(`{"content":"token ${sent} "}`, 'null'));
        return;
      }
      stop();
      response.end(`${chunk('{}', '"stop"')}data: [DONE]\n\n`);
    }, options.intervalMs);
    timers.add(timer);
    function stop(): void {
      clearInterval(timer);
      timers.delete(timer);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}
