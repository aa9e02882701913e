/**
 * The request bodies the benchmark sends: by default a short chat request of
 * a typical shape (system + user message); with `--conversation-kb N` an
 * agent conversation of about N KB (system prompt, several turns, a tool
 * call and its result), the size the guard targets are stated for. Sent to
 * the gateway alias or, for the direct baseline, straight to the fake
 * upstream's model name.
 */

const SHORT_MESSAGES = [
  { role: 'system', content: 'You are a concise assistant.' },
  { role: 'user', content: 'Summarise the benefits of connection pooling in one sentence.' },
];

/** Ordinary engineering prose, cycled to fill a conversation of the requested size. */
const SENTENCES = [
  'The deployment pipeline builds the service, runs the unit tests and publishes an image tagged with the commit.',
  'Connection pooling keeps sockets open between requests, which avoids a TLS handshake on every call.',
  'Our on-call runbook says to check the dashboard for error rates before restarting any worker.',
  'The quarterly report lists revenue by region, with the largest growth in the Nordic countries.',
  'Please summarise the meeting notes and list the action items with their owners and due dates.',
  'The cache invalidation job runs every five minutes and clears entries older than one hour.',
  'Customers asked for a dark mode, better keyboard shortcuts and an export to spreadsheet formats.',
  'The migration adds a nullable column first, backfills it in batches, then makes it required.',
];

function prose(bytes: number, offset: number): string {
  let text = '';
  for (let index = offset; text.length < bytes; index++) {
    text += `${SENTENCES[index % SENTENCES.length] ?? ''} `;
  }
  return text.slice(0, bytes).trimEnd();
}

/** About `kilobytes` KB of messages: a fifth system prompt, a tool result, the rest in turns. */
function conversation(kilobytes: number): readonly object[] {
  const total = kilobytes * 1024;
  const share = Math.floor(total / 5);
  return [
    { role: 'system', content: prose(share, 0) },
    { role: 'user', content: prose(share, 1) },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'search_docs', arguments: '{"query":"connection pooling"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: prose(share, 2) },
    { role: 'assistant', content: prose(share, 3) },
    { role: 'user', content: prose(total - 4 * share, 4) },
  ];
}

export function chatBody(model: string, stream: boolean, conversationKb = 0): string {
  const messages = conversationKb > 0 ? conversation(conversationKb) : SHORT_MESSAGES;
  return JSON.stringify({ model, messages, ...(stream ? { stream: true } : {}) });
}

/** The model names: through the gateway an alias, directly the upstream's own model. */
export const MODELS = { gateway: 'bench', slow: 'bench-slow', direct: 'gpt-4o-mini' } as const;

export const CHAT_PATH = '/v1/chat/completions';
