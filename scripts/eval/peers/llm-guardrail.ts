/**
 * llm_guardrail: TF-IDF + logistic regression models shipped as JSON, run
 * locally. Its injection and jailbreak models both answer our question, so
 * the score is the higher of their threat probabilities and the verdict is
 * either model's own `detected`. The `malicious` model (harmful requests) is
 * left out: a harmful request is not an injection.
 */
import { importPackage, isRecord, loadPeer, type PeerLoad } from './peer.ts';

const PACKAGE = 'llm_guardrail';

interface ModelAnswer {
  readonly detected: boolean;
  readonly probabilities: { readonly threat: number };
}

type Check = (text: string) => Promise<ModelAnswer>;

export function loadLlmGuardrail(): Promise<PeerLoad> {
  return loadPeer('llm_guardrail', PACKAGE, async (version) => {
    const loaded = await importPackage(PACKAGE);
    const { checkInjection, checkJailbreak } = loaded;
    if (typeof checkInjection !== 'function' || typeof checkJailbreak !== 'function')
      throw new Error('checkInjection / checkJailbreak missing');
    const injection = checkInjection as Check;
    const jailbreak = checkJailbreak as Check;
    // Fail at load time, not on the first record, when the model files are unusable.
    const probe = await injection('hello');
    if (!isRecord(probe) || typeof probe.probabilities.threat !== 'number')
      throw new Error('unexpected answer shape');
    return {
      name: 'llm_guardrail',
      version,
      kind: 'score',
      call: 'checkInjection() + checkJailbreak(); score = max threat probability',
      check: async (text) => {
        const [first, second] = await Promise.all([injection(text), jailbreak(text)]);
        return {
          score: Math.max(first.probabilities.threat, second.probabilities.threat),
          flagged: first.detected || second.detected,
        };
      },
    };
  });
}
