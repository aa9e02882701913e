import { describe, expect, it } from 'vitest';
import type { Finding, Subject } from '../../types.ts';
import { createSecretsDetector } from './index.ts';
import { assertSpansInsideText } from '../../../../test/support/detector-spans.ts';

const subject = (text: string): Subject => ({
  surface: 'output',
  text,
  location: 'output.text',
  canaries: [],
});
const detector = createSecretsDetector();
const detect = (text: string): readonly Finding[] => detector.detect(subject(text));
const spanned = (text: string): string[] =>
  detect(text).map(
    (finding) => `${finding.type}:${text.slice(finding.span?.start, finding.span?.end)}`,
  );

const OPENAI = 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA3bC5dT3BlbkFJE7fG9hJ1kL3mN5pQ7rS9tU1vW3';
const GITHUB = 'ghp_aB3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA3bC5';

describe('secrets detector', () => {
  it('finds an OpenAI project key in an .env line and spans exactly the key', () => {
    expect(spanned(`OPENAI_API_KEY=${OPENAI}\n`)).toEqual([`openai_key:${OPENAI}`]);
  });

  it('scores a key carrying the T3BlbkFJ marker 1', () => {
    expect(detect(OPENAI)[0]?.score).toBe(1);
  });

  it('tells Anthropic keys from OpenAI keys', () => {
    const key = `sk-ant-api03-${'Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA3bC5d'.repeat(2)}AA`;
    expect(detect(`key: ${key}`).map((finding) => finding.rule)).toEqual(['anthropic-api-key']);
  });

  it('ignores placeholders and documentation keys', () => {
    for (const text of [
      'OPENAI_API_KEY=sk-...',
      'api_key: YOUR_API_KEY',
      'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'token=<token>',
      'AWS key AKIAIOSFODNN7EXAMPLE',
      'sk-learn-compatible-estimator-api',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
    ]) {
      expect({ text, findings: detect(text) }).toEqual({ text, findings: [] });
    }
  });

  it('does not report commit SHAs, UUIDs or sha256 digests', () => {
    const text =
      'commit 3f786850e387550fdab836ed7e6dc881de23001b id 123e4567-e89b-42d3-a456-426614174000 ' +
      'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    expect(detect(text)).toEqual([]);
  });

  it('finds AWS access key ids and secret keys after their keyword', () => {
    const text =
      'aws_access_key_id = AKIAZ3MXQ7P2L5K8N4TY\naws_secret_access_key = Zk3mP9qR2sT5vW8xY1zA4bC7dE0fG3hJ6kL9mN2p\n';
    expect(detect(text).map((finding) => finding.type)).toEqual([
      'aws_access_key',
      'aws_secret_key',
    ]);
  });

  it('redacts the whole PEM private-key block', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Vr8Xk1p'.repeat(3)}\n-----END RSA PRIVATE KEY-----`;
    expect(spanned(`key:\n${block}\nrest`)).toEqual([`private_key:${block}`]);
  });

  it('finds a private key in service-account JSON with escaped newlines', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(3);
    const text = `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n"}`;
    expect(detect(text).map((finding) => finding.rule)).toEqual(['private-key']);
  });

  it('validates JWT headers', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(spanned(`Authorization: Bearer ${jwt}`)).toEqual([`jwt:${jwt}`]);
    const fake = `${Buffer.from('{"typ":"x"}').toString('base64url')}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc`;
    expect(detect(fake)).toEqual([]);
  });

  it('redacts only the password of a database URL', () => {
    expect(spanned('DATABASE_URL=postgres://app:S3cr3tPa55w0rd@db.acme.io:5432/app')).toEqual([
      'db_password:S3cr3tPa55w0rd',
    ]);
  });

  it('finds GitHub, Slack, Stripe, npm and Hugging Face tokens', () => {
    const text = [
      GITHUB,
      'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
      'sk_live_Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA',
      'npm_Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA3bC5',
      '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',
    ].join('\n');
    expect(detect(text).map((finding) => finding.type)).toEqual([
      'github_token',
      'slack_token',
      'stripe_key',
      'npm_token',
      'huggingface_token',
    ]);
  });

  it('finds a high-entropy value after a secret keyword but not an identifier', () => {
    expect(detect('client_secret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0"').map((f) => f.type)).toEqual([
      'generic_secret',
    ]);
    expect(detect('const token = generateRandomToken(); secret = process.env.APP_SECRET')).toEqual(
      [],
    );
  });

  it('prefers the specific rule over the generic one for the same value', () => {
    expect(detect(`api_key = "${GITHUB}"`).map((finding) => finding.rule)).toEqual([
      'github-token',
    ]);
  });

  it('runs only the enabled rules', () => {
    const only = createSecretsDetector({ rules: ['jwt'] });
    expect(only.detect(subject(GITHUB))).toEqual([]);
  });

  it('finds a base64-encoded key and points at the encoded run', () => {
    const encoded = Buffer.from(`token ${GITHUB}`).toString('base64');
    const text = `payload: ${encoded} end`;
    const findings = detect(text).filter((finding) => finding.view.startsWith('decoded:'));
    expect(findings.map((finding) => finding.type)).toContain('github_token');
    const span = findings[0]?.span;
    expect(span === undefined ? '' : text.slice(span.start, span.end)).toContain(
      encoded.slice(4, -4),
    );
  });

  it('never puts the matched text in the reason', () => {
    for (const finding of detect(`OPENAI_API_KEY=${OPENAI}`))
      expect(finding.reason).not.toContain(OPENAI);
  });

  it('never throws and reports spans inside the text on arbitrary input', () => {
    const fuzzed = createSecretsDetector();
    assertSpansInsideText(fuzzed, [
      'sk-',
      'ghp_',
      'AKIA',
      'eyJ',
      '-----BEGIN PRIVATE KEY-----',
      'postgres://u:',
      '@',
      'token=',
      'password: ',
      'Ab3',
      '9',
      '=',
      '\n',
      '\u200b',
      'é',
    ]);
  });
});
