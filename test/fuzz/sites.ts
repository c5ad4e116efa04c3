/**
 * What the structure-aware mutators know of a file: places (sites) where a field can be set to a value that
 * breaks readers, or bytes removed or inserted. Sites are found by a cheap walk of the seed file's own
 * structure, so a mutation lands on a count, a length or a size instead of on random payload bytes.
 */

/** A field of `bits` bits starting `bitOffset` bits into byte `at` (big-endian, as every format here). */
export interface FieldSite {
  kind: 'field';
  what: string;
  /** A fallback guess (any 32-bit word) rather than a field the walk named: picked less often. */
  generic?: boolean;
  at: number;
  bitOffset: number;
  bits: number;
  values: readonly number[];
}

/** Bytes [at, at + remove) replaced by `insert`. */
export interface SpliceSite {
  kind: 'splice';
  what: string;
  generic?: boolean;
  at: number;
  remove: number;
  insert: readonly number[];
}

export type Site = FieldSite | SpliceSite;

/** The values that break count handling: none, one, the largest signed and the largest unsigned. */
export function countValues(bits: number): number[] {
  const max = 2 ** bits - 1;
  return [...new Set([0, 1, Math.floor(max / 2), max])];
}

export function field(what: string, at: number, bits: number, values: readonly number[] = countValues(bits), bitOffset = 0): FieldSite {
  return { kind: 'field', what, at, bitOffset, bits, values };
}

export function splice(what: string, at: number, remove: number, insert: readonly number[] = []): SpliceSite {
  return { kind: 'splice', what, at, remove, insert };
}

/** Writes `value` (its low `bits` bits) into `bytes` at the site, bit by bit; bits past the end are dropped. */
export function writeField(bytes: Uint8Array, site: FieldSite, value: number): void {
  for (let i = 0; i < site.bits; i++) {
    const bit = Math.floor(value / 2 ** (site.bits - 1 - i)) % 2;
    const pos = site.at * 8 + site.bitOffset + i;
    const byte = pos >>> 3;
    if (byte >= bytes.length) return;
    const mask = 0x80 >>> (pos & 7);
    bytes[byte] = bit ? bytes[byte]! | mask : bytes[byte]! & ~mask;
  }
}

export function applySplice(bytes: Uint8Array, site: SpliceSite): Uint8Array {
  const at = Math.min(site.at, bytes.length);
  const out = new Uint8Array(bytes.length - Math.min(site.remove, bytes.length - at) + site.insert.length);
  out.set(bytes.subarray(0, at));
  out.set(site.insert, at);
  out.set(bytes.subarray(Math.min(bytes.length, at + site.remove)), at + site.insert.length);
  return out;
}

export function u32At(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

export function u24At(b: Uint8Array, at: number): number {
  return (b[at]! << 16) + (b[at + 1]! << 8) + b[at + 2]!;
}

export function u16At(b: Uint8Array, at: number): number {
  return (b[at]! << 8) + b[at + 1]!;
}
