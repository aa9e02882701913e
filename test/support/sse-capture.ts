/**
 * Wire-level helpers for stream tests: capture the exact SSE bytes a fake
 * upstream sends for a reply (to replay them later, re-chunked, through the
 * `raw-sse` behaviour), and split an SSE body into its events as a client
 * reads them.
 */
import type { FakeBehaviour, FakeUpstream } from './fake-upstream-types.ts';

export type UpstreamDialect = 'openai' | 'anthropic';

/**
 * Asks `fake` for a streamed reply directly (not through the gateway) and
 * returns the body bytes exactly as sent. The fake records this request too.
 */
export async function captureReplyStream(
  fake: FakeUpstream,
  dialect: UpstreamDialect,
  reply: Extract<FakeBehaviour, { kind: 'reply' }>,
): Promise<Buffer> {
  fake.enqueue(reply);
  const messages = [{ role: 'user', content: 'capture' }];
  const [url, body] =
    dialect === 'openai'
      ? [
          `${fake.baseUrl}/chat/completions`,
          {
            model: 'captured-model',
            stream: true,
            stream_options: { include_usage: true },
            messages,
          },
        ]
      : [
          `${fake.baseUrl}/v1/messages`,
          { model: 'captured-model', max_tokens: 256, stream: true, messages },
        ];
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`capture failed with status ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The complete events (`…\n\n`) of an SSE body, each with its terminator. */
export function sseEventTexts(body: Buffer | string): string[] {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => `${event}\n\n`);
}

export interface ClientSseEvent {
  /** The `event:` field, when there is one. */
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * Parses an SSE body the gateway sent (LF line endings, one `data:` line per
 * event, as the gateway writes them).
 */
export function parseSseText(text: string): ClientSseEvent[] {
  const events: ClientSseEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
    }
    events.push({ event, data: data.join('\n') });
  }
  return events;
}
