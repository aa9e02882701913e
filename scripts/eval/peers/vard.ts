/**
 * @andersmyrmel/vard: regex patterns with a severity each. Its default call
 * `vard.safe(text)` (moderate preset: severity ≥ 0.7 blocks, 10,000-character
 * limit) is the operating point; the graded score is the highest severity of
 * any pattern, from an instance that blocks on every pattern and has no
 * length limit.
 */
import { importPackage, isRecord, loadPeer, type PeerLoad } from './peer.ts';

const PACKAGE = '@andersmyrmel/vard';

interface SafeResult {
  readonly safe: boolean;
  readonly threats?: readonly { readonly severity: number }[];
}

type SafeCall = (text: string) => SafeResult;

export function loadVard(): Promise<PeerLoad> {
  return loadPeer('vard', PACKAGE, async (version) => {
    const loaded = await importPackage(PACKAGE);
    const vard = loaded['vard'] ?? loaded['default'];
    if (typeof vard !== 'function' || !isRecord(vard)) throw new Error('no vard export');
    const { safe, strict } = vard;
    if (typeof safe !== 'function' || typeof strict !== 'function')
      throw new Error('vard.safe / vard.strict missing');
    const defaultCheck = safe as SafeCall;
    const everything: unknown = (
      strict as () => { threshold(value: number): { maxLength(value: number): unknown } }
    )()
      .threshold(0)
      .maxLength(Number.MAX_SAFE_INTEGER);
    if (!isRecord(everything) || typeof everything['safeParse'] !== 'function')
      throw new Error('vard builder has no safeParse');
    const graded = everything['safeParse'] as SafeCall;
    return {
      name: 'vard',
      version,
      kind: 'score',
      call: 'vard.safe() (moderate preset); score = max pattern severity',
      check: (text) => {
        const all = graded(text);
        const score = all.safe
          ? 0
          : Math.max(0, ...(all.threats ?? []).map((threat) => threat.severity));
        return Promise.resolve({ score, flagged: !defaultCheck(text).safe });
      },
    };
  });
}
