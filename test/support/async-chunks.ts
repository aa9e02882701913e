/**
 * Async sources for stream parsers under test: items one per microtask, as
 * a socket delivers them, and bytes cut at arbitrary offsets.
 */

/** Yields each item in its own microtask. */
export async function* oneByOne<Item>(items: readonly Item[]): AsyncGenerator<Item> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

/**
 * Yields `bytes` cut at the given offsets (taken modulo the length, sorted,
 * deduplicated), often inside multi-byte characters, one piece per microtask.
 */
export async function* rechunk(
  bytes: Uint8Array,
  cuts: readonly number[],
): AsyncGenerator<Uint8Array> {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
    (left, right) => left - right,
  );
  let previous = 0;
  for (const offset of [...offsets, bytes.length]) {
    await Promise.resolve();
    yield bytes.subarray(previous, offset);
    previous = offset;
  }
}
