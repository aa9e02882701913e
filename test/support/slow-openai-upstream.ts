/**
 * An OpenAI-compatible upstream on loopback whose streams are slow: the role
 * chunk at once, then one content chunk every `intervalMs`, then the finish
 * chunk and `data: [DONE]` (the event order of the API reference, "The chat
 * completion chunk object"). Tests use it to have a stream in flight at a
 * chosen moment (shutdown, reload); `streamStarted()` says when one is.
 * Non-streaming requests are answered at once.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowOpenAiUpstreamOptions {
  /** Content chunks per stream; the streamed text is `token 1 token 2 …`. */
  readonly chunks: number;
  readonly intervalMs: number;
}

export interface SlowOpenAiUpstream {
  /** Base URL for provider config, ending in `/v1`. */
  readonly baseUrl: string;
  /** Streams whose last chunk has been sent. */
  readonly finished: number;
  /** Resolves once the next stream (or one already running) has sent its first chunk. */
  streamStarted(): Promise<void>;
  close(): Promise<void>;
}

/** The text a complete stream of `chunks` chunks carries. */
export function slowStreamText(chunks: number): string {
  return Array.from({ length: chunks }, (_, index) => `token ${index + 1} `).join('');
}

export async function startSlowOpenAiUpstream(
  options: SlowOpenAiUpstreamOptions,
): Promise<SlowOpenAiUpstream> {
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let finished = 0;
  let waiters: (() => void)[] = [];
  let sequence = 0;

  const server = createServer((request, response) => {
    const body: Buffer[] = [];
    request.on('data', (piece: Buffer) => body.push(piece));
    request.on('end', () => {
      sequence++;
      let wantsStream = false;
      try {
        wantsStream =
          (JSON.parse(Buffer.concat(body).toString()) as { stream?: unknown }).stream === true;
      } catch {
        // Not JSON: answered as a non-stream below.
      }
      if (wantsStream) stream(response, sequence);
      else complete(response, sequence);
    });
  });

  function complete(response: ServerResponse, id: number): void {
    const text = JSON.stringify({
      id: `chatcmpl-slow${id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'quick' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(text);
  }

  function stream(response: ServerResponse, id: number): void {
    const head = `{"id":"chatcmpl-slow${id}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":"gpt-4o-mini","choices":[{"index":0,"delta":`;
    const chunk = (delta: string, finish: string): string =>
      `data: ${head}${delta},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    response.write(chunk('{"role":"assistant","content":""}', 'null'));
    running++;
    for (const wake of waiters) wake();
    waiters = [];
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
      finished++;
      response.end(`${chunk('{}', '"stop"')}data: [DONE]\n\n`);
    }, options.intervalMs);
    timers.add(timer);
    function stop(): void {
      clearInterval(timer);
      timers.delete(timer);
      running--;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get finished() {
      return finished;
    },
    streamStarted() {
      if (running > 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await closed;
    },
  };
}
