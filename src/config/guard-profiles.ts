/**
 * The guard profiles that ship with the gateway (docs/guards.md). A profile
 * of the same name in the configuration replaces one of these as a whole.
 *
 * `default` is secure without breaking agents: a prompt injection the caller
 * sends is blocked, but one found in a tool result is only flagged (and
 * taints the session for agent containment), because a tool returning a web
 * page or an email is the everyday case and a 1% false-positive rate there
 * must not stop agent runs. Secrets are redacted both ways, a canary leak or
 * an exfiltration link in an answer is blocked, PII in answers is flagged.
 */
import type { GuardProfileConfig } from './guards-schema.ts';

export const DEFAULT_GUARD_PROFILE = 'default';

export const SHIPPED_GUARD_PROFILES: Readonly<Record<string, GuardProfileConfig>> = {
  default: {
    input: { injection: 'block', 'hidden-text': 'flag', secrets: 'redact' },
    tool_output: { injection: 'flag', 'hidden-text': 'flag' },
    output: {
      secrets: 'redact',
      canary: 'block',
      exfiltration: 'block',
      pii: 'flag',
      // Invisible characters in an answer can smuggle data out, so they are
      // removed; a word mixing scripts is visible and often legitimate
      // (names, maths, transliteration), so it is only flagged.
      'hidden-text': { action: 'redact', rules: { 'confusables-mixed-script': 'flag' } },
    },
  },
  /** For high-risk keys and agents: injections and hidden text are blocked wherever they are. */
  strict: {
    input: { injection: 'block', 'hidden-text': 'block', secrets: 'redact', pii: 'redact' },
    tool_output: {
      injection: 'block',
      'hidden-text': 'block',
      secrets: 'redact',
      exfiltration: 'flag',
    },
    output: {
      secrets: 'redact',
      canary: 'block',
      exfiltration: 'block',
      pii: 'redact',
      'hidden-text': 'block',
    },
  },
  /** For rolling guards out: every detector runs and only flags; nothing is changed or refused. */
  monitor: {
    input: { injection: 'flag', 'hidden-text': 'flag', secrets: 'flag', pii: 'flag' },
    tool_output: { injection: 'flag', 'hidden-text': 'flag', secrets: 'flag' },
    output: {
      secrets: 'flag',
      canary: 'flag',
      exfiltration: 'flag',
      pii: 'flag',
      'hidden-text': 'flag',
    },
  },
};
