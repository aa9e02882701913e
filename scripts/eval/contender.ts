/**
 * A detector under evaluation: ringfence's injection detector or a peer,
 * behind one call so every one of them sees exactly the same texts.
 */
import { createInjectionDetector } from '../../src/guards/detectors/injection/index.ts';
import type { Surface } from '../../src/guards/types.ts';
import type { PeerDetector, PeerVerdict } from './peers/peer.ts';

export interface Contender {
  readonly name: string;
  readonly version: string;
  /** `score`: graded (AUC, TPR at FPR); `boolean`: only its own yes/no. */
  readonly kind: 'score' | 'boolean';
  /** What is called, for the report. */
  readonly call: string;
  /** Synchronous detectors answer directly, so their throughput is not a measure of promises. */
  check(text: string, surface: Surface): PeerVerdict | Promise<PeerVerdict>;
}

/** The ringfence row: the injection detector's probability and its shipped per-surface thresholds. */
export function ringfenceContender(version: string): Contender {
  const detector = createInjectionDetector();
  return {
    name: 'ringfence',
    version,
    kind: 'score',
    call: `injection score ≥ shipped threshold (input ${detector.threshold('input').toFixed(3)}, tool_output ${detector.threshold('tool_output').toFixed(3)})`,
    check(text, surface) {
      const { score } = detector.score(text, surface);
      return { score, flagged: score >= detector.threshold(surface) };
    },
  };
}

export function peerContender(peer: PeerDetector): Contender {
  return {
    name: peer.name,
    version: peer.version,
    kind: peer.kind,
    call: peer.call,
    // Peers have no notion of surface: the same text gets the same verdict anywhere.
    check: (text) => peer.check(text),
  };
}
