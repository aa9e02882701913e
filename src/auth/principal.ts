/** Who is calling: a gateway key, or the anonymous developer in open mode. */
export interface Principal {
  /** The key's public id, or `anonymous`. Safe to log and audit. */
  readonly keyId: string;
  readonly name: string;
  /** Alias names or globs this principal may use. */
  readonly models: readonly string[];
  readonly region: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rpm?: number;
  /** May name `provider/model` directly. */
  readonly allowDirect: boolean;
}

export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({
  keyId: 'anonymous',
  name: 'anonymous (open mode)',
  models: Object.freeze(['*']),
  region: '',
  labels: Object.freeze({}),
  allowDirect: true,
});
