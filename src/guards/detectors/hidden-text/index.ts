/**
 * The hidden-text detector: reports characters that hide or disguise text
 * (Unicode tag characters, zero-width characters inside words, bidi
 * controls, variation-selector runs, mixed-script look-alike words) so
 * policy can block a prompt, tool output or model output that carries
 * them, or redact (strip) exactly those characters. See find-hidden-text.ts
 * for the rules and the legitimate uses that are not reported.
 */
import type { Detector, Subject } from '../../types.ts';
import { DETECTOR_ID, findHiddenText } from './find-hidden-text.ts';

/**
 * Creates the detector. Rules (`Finding.rule`): `tag-characters`,
 * `zero-width-in-word`, `zero-width-run`, `bidi-control`,
 * `variation-selector-run`, `confusables-mixed-script`; every finding has
 * type `hidden_text`, view `original` and a span (unless more than
 * {@link MAX_FINDINGS} were found, when a last whole-text finding is added).
 */
export function createHiddenTextDetector(): Detector {
  return {
    id: DETECTOR_ID,
    detect: (subject: Subject) => findHiddenText(subject.text),
  };
}

export { MAX_FINDINGS } from './find-hidden-text.ts';
