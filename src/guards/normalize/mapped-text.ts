import { Buffer } from 'node:buffer';

/**
 * A text together with the offset of each of its UTF-16 code units in the
 * text it was derived from, and a builder for one.
 */

/** A derived text and its map: `map[i]` is the source offset of `text[i]`; `map[text.length]` is the source end. */
export interface MappedText {
  readonly text: string;
  readonly map: Int32Array;
}

const CHUNK = 8192;

/**
 * Appends code units with their source offsets into growable typed arrays,
 * so building a view costs two array writes per code unit and one string
 * conversion at the end (no per-character string concatenation).
 */
export class MappedTextBuilder {
  private codes: Uint16Array;
  private offsets: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    const initial = Math.max(16, capacity);
    this.codes = new Uint16Array(initial);
    this.offsets = new Int32Array(initial + 1);
  }

  /** Code units written so far. */
  get length(): number {
    return this.size;
  }

  /** Appends one UTF-16 code unit that came from source offset `offset`. */
  push(code: number, offset: number): void {
    if (this.size === this.codes.length) this.grow(this.size + 1);
    this.codes[this.size] = code;
    this.offsets[this.size] = offset;
    this.size++;
  }

  /** Appends every code unit of `part`, all from source offset `offset`. */
  pushAll(part: string, offset: number): void {
    if (this.size + part.length > this.codes.length) this.grow(this.size + part.length);
    for (let index = 0; index < part.length; index++) {
      this.codes[this.size] = part.charCodeAt(index);
      this.offsets[this.size] = offset;
      this.size++;
    }
  }

  /**
   * Appends `text[start, end)` unchanged, each code unit from its own offset
   * in `text` (`map[i]` when `map` is given, `i` otherwise): one tight loop
   * for the long stretches a transform leaves alone.
   */
  copyRange(text: string, start: number, end: number, map?: Int32Array): void {
    const count = end - start;
    if (count <= 0) return;
    if (this.size + count > this.codes.length) this.grow(this.size + count);
    const codes = this.codes;
    const offsets = this.offsets;
    let size = this.size;
    for (let index = start; index < end; index++) codes[size++] = text.charCodeAt(index);
    if (map === undefined) {
      size = this.size;
      for (let index = start; index < end; index++) offsets[size++] = index;
    } else {
      offsets.set(map.subarray(start, end), this.size);
    }
    this.size += count;
  }

  /**
   * The code units written so far (the first {@link length}), to read and
   * overwrite in place for one-for-one folds; valid until the next append.
   */
  get units(): Uint16Array {
    return this.codes;
  }

  /** The finished text; `end` is the source offset of the end of the text. */
  finish(end: number): MappedText {
    const text = stringOf(this.codes, this.size);
    const map = this.offsets.slice(0, this.size + 1);
    map[this.size] = end;
    return { text, map };
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.codes.length * 2);
    const codes = new Uint16Array(capacity);
    codes.set(this.codes.subarray(0, this.size));
    const offsets = new Int32Array(capacity + 1);
    offsets.set(this.offsets.subarray(0, this.size));
    this.codes = codes;
    this.offsets = offsets;
  }
}

/** The identity map of a text of `length` code units. */
export function identityMap(length: number): Int32Array {
  const map = new Int32Array(length + 1);
  for (let index = 0; index <= length; index++) map[index] = index;
  return map;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The first `length` code units of `codes` as a string. Node's UCS-2
 * decoder copies code units as they are (lone surrogates included) and is
 * ~30× faster than `String.fromCharCode` over chunks, which remains the
 * fallback on big-endian machines.
 */
export function stringOf(codes: Uint16Array, length: number): string {
  if (LITTLE_ENDIAN) {
    return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('ucs2');
  }
  let text = '';
  for (let start = 0; start < length; start += CHUNK) {
    text += String.fromCharCode(...codes.subarray(start, Math.min(length, start + CHUNK)));
  }
  return text;
}

/** The code units of `text`, as a mutable copy. */
export function codeUnitsOf(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  for (let index = 0; index < text.length; index++) codes[index] = text.charCodeAt(index);
  return codes;
}

/**
 * The map of a text derived in two steps: `inner[i]` is an offset in the
 * middle text, `outer[j]` the source offset of middle offset j, so the
 * result is `outer[inner[i]]` (what mapping the second step through
 * `outer` directly gives).
 */
export function composeMaps(outer: Int32Array, inner: Int32Array): Int32Array {
  const composed = new Int32Array(inner.length);
  for (let index = 0; index < inner.length; index++) {
    const middle = inner[index] ?? 0;
    composed[index] = outer[middle] ?? middle;
  }
  return composed;
}

/**
 * Whether `derived[index]` is `source[map[index]]` kept as it was: the same
 * code unit, and the next one comes from the next source offset (nothing
 * removed or inserted right after it).
 */
export function isKept(source: string, derived: string, map: Int32Array, index: number): boolean {
  const from = map[index] ?? -1;
  return (
    (map[index + 1] ?? -1) === from + 1 && derived.charCodeAt(index) === source.charCodeAt(from)
  );
}

/**
 * The first offset at or after `from` of `derived` whose code unit is not
 * kept from `source` (see {@link isKept}); `derived.length` when there is none.
 */
export function firstChange(
  source: string,
  derived: string,
  map: Int32Array,
  from: number,
): number {
  let at = from;
  while (at < derived.length && isKept(source, derived, map, at)) at++;
  return at;
}
