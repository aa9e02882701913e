/**
 * Entry point of the upstream child process (`child_process.fork`): the fast
 * fake OpenAI upstream from `test/support` (requests not recorded, so memory
 * stays flat) and the slow streaming upstream, in their own process so their
 * CPU is not billed to the load generator or the gateway. Reports both base
 * URLs to the parent over IPC and exits when the parent disconnects.
 */
import { parseArgs } from 'node:util';
import { startFakeOpenAiUpstream } from '../test/support/fake-openai-upstream.ts';
import { startSlowOpenAiUpstream } from '../test/support/slow-openai-upstream.ts';

/** The message the child sends once it listens. */
export interface UpstreamReady {
  readonly type: 'ready';
  readonly fastBaseUrl: string;
  readonly slowBaseUrl: string;
}

const { values } = parseArgs({
  options: {
    'slow-interval-ms': { type: 'string', default: '100' },
    'slow-chunks': { type: 'string', default: '40' },
  },
});
const intervalMs = Number(values['slow-interval-ms']);
const chunks = Number(values['slow-chunks']);

const fast = await startFakeOpenAiUpstream({ recordRequests: false });
const slow = await startSlowOpenAiUpstream({ intervalMs, chunks });

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await Promise.allSettled([fast.close(), slow.close()]);
  process.exit(0);
}
process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

const ready: UpstreamReady = {
  type: 'ready',
  fastBaseUrl: fast.baseUrl,
  slowBaseUrl: slow.baseUrl,
};
process.send?.(ready);
