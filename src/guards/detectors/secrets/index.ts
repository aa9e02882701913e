/**
 * The secrets detector: provider and cloud credentials, private keys, JWTs,
 * passwords in URLs and connection strings, and keyword-anchored generic
 * secrets, in the original text and in every decoded view (a base64-encoded
 * key in model output is still a leak; its finding spans the encoded run).
 */
import type { Detector, Finding, Span, Subject } from '../../types.ts';
import type { View } from '../../normalize/views.ts';
import { SECRET_RULES } from './rules.ts';
import type { SecretRule } from './rule.ts';
import { compileTriggers, type TriggerScanner } from './triggers.ts';
import { decodedViewsOf, toOriginalSpan } from '../../normalize/view-spans.ts';

export interface SecretsDetectorOptions {
  /** Enabled rule ids (see docs/guards-dlp.md); default all. Unknown ids are ignored. */
  readonly rules?: readonly string[];
}

export { SECRET_RULE_IDS } from './rules.ts';

/** Creates the `secrets` detector. */
export function createSecretsDetector(options: SecretsDetectorOptions = {}): Detector {
  const enabled =
    options.rules === undefined
      ? SECRET_RULES
      : SECRET_RULES.filter((rule) => options.rules?.includes(rule.id) === true);
  const triggers = compileTriggers(enabled);
  return {
    id: 'secrets',
    detect(subject: Subject): readonly Finding[] {
      try {
        return detectSecrets(subject.text, triggers);
      } catch {
        // Detectors must not throw (types.ts); a bug here must not take the
        // request down, and the other detectors still run.
        return [];
      }
    },
  };
}

function detectSecrets(text: string, triggers: TriggerScanner): readonly Finding[] {
  const findings = scanView({ name: 'original', text, signals: [] }, triggers);
  for (const view of decodedViewsOf(text)) findings.push(...scanView(view, triggers));
  return dropCoveredGeneric(findings);
}

function scanView(view: View, triggers: TriggerScanner): Finding[] {
  const findings: Finding[] = [];
  for (const rule of triggers.rulesFor(view.text)) {
    for (const match of rule.scan(view.text)) {
      const span = toOriginalSpan(view, match.start, match.end);
      findings.push(finding(rule, view.name, match.score, span));
    }
  }
  return dropCoveredGeneric(findings);
}

function finding(rule: SecretRule, view: string, score: number, span: Span | undefined): Finding {
  const base = {
    detector: 'secrets',
    rule: rule.id,
    type: rule.type,
    score,
    view,
    reason: `${rule.description}${view === 'original' ? '' : ` (in ${view} view)`}`,
  };
  return span === undefined ? base : { ...base, span };
}

const GENERIC_RULES: ReadonlySet<string> = new Set(
  SECRET_RULES.filter((rule) => rule.generic === true).map((rule) => rule.id),
);

/**
 * A keyword rule and a shape rule often see the same value (`api_key=sk-…`):
 * keep the specific finding, whose type names the credential, and drop
 * generic findings it overlaps; also drop exact duplicates across views.
 */
function dropCoveredGeneric(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const specific = findings.filter((item) => !GENERIC_RULES.has(item.rule));
  const seen = new Set<string>();
  return findings.filter((item) => {
    const key = `${item.rule}:${item.span?.start ?? -1}:${item.span?.end ?? -1}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (!GENERIC_RULES.has(item.rule) || item.span === undefined) return true;
    const span = item.span;
    return !specific.some(
      (other) =>
        other.span !== undefined && other.span.start < span.end && span.start < other.span.end,
    );
  });
}
