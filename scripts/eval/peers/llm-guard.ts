/**
 * llm-guard: regex lists; its score is a step (1, 0.4, 0.3), so it is
 * reported as a yes/no detector. Only the prompt-injection and jailbreak
 * guards are enabled: PII, profanity, toxicity and relevance answer other
 * questions (relevance alone rejects every text over 5,000 characters).
 */
import { importPackage, isRecord, loadPeer, type PeerLoad } from './peer.ts';

const PACKAGE = 'llm-guard';

interface Guard {
  validate(text: string): Promise<{ readonly isValid: boolean }>;
}

export function loadLlmGuard(): Promise<PeerLoad> {
  return loadPeer('llm-guard', PACKAGE, async (version) => {
    const loaded = await importPackage(PACKAGE);
    const exported =
      loaded['LLMGuard'] ??
      (isRecord(loaded['default']) ? loaded['default']['LLMGuard'] : undefined);
    if (typeof exported !== 'function') throw new Error('no LLMGuard export');
    const LlmGuard = exported as new (config: Readonly<Record<string, boolean>>) => Guard;
    const guard = new LlmGuard({
      promptInjection: true,
      jailbreak: true,
      pii: false,
      profanity: false,
      toxicity: false,
      relevance: false,
    });
    return {
      name: 'llm-guard',
      version,
      kind: 'boolean',
      call: 'new LLMGuard({ promptInjection, jailbreak }).validate(); flagged = !isValid',
      check: async (text) => ({ flagged: !(await guard.validate(text)).isValid }),
    };
  });
}
