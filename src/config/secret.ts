import { inspect } from 'node:util';

/**
 * A credential resolved from an `env:` reference. It prints as `[secret]`
 * in logs, JSON, `util.inspect` and template strings, so it cannot leak by
 * accident; only `reveal()` gives the value, at the point it is sent to its
 * own provider.
 */
export class Secret {
  readonly #value: string;
  /** The reference it came from, e.g. `env:OPENAI_API_KEY`: safe to show. */
  readonly reference: string;

  constructor(value: string, reference: string) {
    this.#value = value;
    this.reference = reference;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}
