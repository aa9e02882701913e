/** The peers compared side by side with ringfence, in report order. */
import { loadLlmGuard } from './llm-guard.ts';
import { loadLlmGuardrail } from './llm-guardrail.ts';
import type { PeerLoad } from './peer.ts';
import { loadVard } from './vard.ts';

export function loadPeers(): Promise<readonly PeerLoad[]> {
  return Promise.all([loadVard(), loadLlmGuard(), loadLlmGuardrail()]);
}
