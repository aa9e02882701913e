/**
 * The label sets of one metric and the child (series) each resolves to,
 * with a hard cap on how many exist.
 *
 * Lookups walk a trie of Maps, one level per label, so resolving a label
 * set allocates nothing (a joined-string key would allocate on every call).
 * Past the cap, new label sets share one overflow series whose every label
 * is {@link OVERFLOW_LABEL_VALUE}: a caller-chosen model name cannot grow
 * memory or the scrape without bound.
 */

/** Label values, by label name. */
export type LabelValues = Readonly<Record<string, string>>;

/** The label value of the series that label sets past the cap are folded into. */
export const OVERFLOW_LABEL_VALUE = '__overflow__';

export interface SeriesLimits {
  readonly maxSeries: number;
  /** Longer label values are cut to this many characters. */
  readonly maxLabelValueLength: number;
}

export interface SeriesEntry<Child> {
  readonly labels: readonly string[];
  readonly child: Child;
}

class TrieNode<Child> {
  readonly next = new Map<string, TrieNode<Child>>();
  child: Child | undefined;
}

export class SeriesTable<Child> {
  readonly #labelNames: readonly string[];
  readonly #limits: SeriesLimits;
  readonly #create: () => Child;
  readonly #onOverflow: () => void;
  readonly #root = new TrieNode<Child>();
  readonly #entries: SeriesEntry<Child>[] = [];
  #overflow: SeriesEntry<Child> | undefined;

  constructor(
    labelNames: readonly string[],
    limits: SeriesLimits,
    create: () => Child,
    onOverflow: () => void,
  ) {
    this.#labelNames = labelNames;
    this.#limits = limits;
    this.#create = create;
    this.#onOverflow = onOverflow;
  }

  /** The child for `values`, created on first use. */
  get(values: LabelValues): Child {
    const names = this.#labelNames;
    let node: TrieNode<Child> | undefined = this.#root;
    for (let index = 0; index < names.length && node !== undefined; index++) {
      node = node.next.get(this.#valueOf(values, names[index] ?? ''));
    }
    return node?.child ?? this.#insert(values);
  }

  /** Every series in creation order, the overflow series (if any) last. */
  entries(): readonly SeriesEntry<Child>[] {
    return this.#overflow === undefined ? this.#entries : [...this.#entries, this.#overflow];
  }

  #insert(values: LabelValues): Child {
    if (this.#entries.length >= this.#limits.maxSeries) {
      this.#onOverflow();
      this.#overflow ??= {
        labels: this.#labelNames.map(() => OVERFLOW_LABEL_VALUE),
        child: this.#create(),
      };
      return this.#overflow.child;
    }
    const labels = this.#labelNames.map((name) => this.#valueOf(values, name));
    let node = this.#root;
    for (const value of labels) {
      let next = node.next.get(value);
      if (next === undefined) {
        next = new TrieNode<Child>();
        node.next.set(value, next);
      }
      node = next;
    }
    const child = this.#create();
    node.child = child;
    this.#entries.push({ labels, child });
    return child;
  }

  #valueOf(values: LabelValues, name: string): string {
    // Label values are typed as strings, but JavaScript callers and casts can pass anything.
    const raw: unknown = values[name];
    const value = typeof raw === 'string' ? raw : isPrintable(raw) ? String(raw) : '';
    const max = this.#limits.maxLabelValueLength;
    const bounded = value.length > max ? value.slice(0, max) : value;
    // A caller must not be able to forge the overflow series (two series with one label set break a scrape).
    return bounded === OVERFLOW_LABEL_VALUE ? `_${bounded}` : bounded;
  }
}

function isPrintable(value: unknown): value is number | boolean | bigint {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
}
