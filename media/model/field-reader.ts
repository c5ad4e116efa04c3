import { type AddressMap, LinearMap } from '../bits/address-map.js';
import { BitCursor } from '../bits/bit-cursor.js';
import { type ColumnArray, type ColumnShape, decodeColumns, newColumn } from '../bits/fixed-columns.js';
import type { Field, FieldValue, ParseOptions } from './types.js';

/** How a raw value is shown: an enum table, or a function giving the meaning (or nothing). */
export type Display = Readonly<Record<number, string>> | ((value: number) => string | undefined);

/** One column of a `columns` table: its field name, width and sign, and how a 32-bit value is shown. */
export interface TableColumn extends ColumnShape {
  name: string;
  display?: Display;
}

function describe(display: Display | undefined, value: number): string | undefined {
  if (display === undefined) return undefined;
  return typeof display === 'function' ? display(value) : display[value];
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The recording reader: each call reads a syntax element in spec order and, when recording,
 * records it as a Field at its absolute bits. Parsing and annotation are one pass, so they cannot drift.
 * With `record: false` the same parser runs for bulk work (sample index, remux) at full speed.
 */
export class FieldReader {
  readonly cursor: BitCursor;
  readonly map: AddressMap;
  options: ParseOptions;
  /** Where recorded fields go; groups swap it temporarily. */
  fields: Field[];

  constructor(data: Uint8Array, options: ParseOptions, map: AddressMap = new LinearMap(0), fields: Field[] = []) {
    this.cursor = new BitCursor(data);
    this.map = map;
    this.options = options;
    this.fields = fields;
  }

  /** A reader over bytes that start at absolute byte `baseByte` of the source. */
  static at(data: Uint8Array, baseByte: number, options: ParseOptions): FieldReader {
    return new FieldReader(data, options, new LinearMap(baseByte));
  }

  get recording(): boolean {
    return this.options.record;
  }

  get data(): Uint8Array {
    return this.cursor.data;
  }

  /** Position in bits within `data`. */
  get pos(): number {
    return this.cursor.pos;
  }

  /** Absolute byte offset of the current position (for byte-aligned structures). */
  get absByte(): number {
    return Math.floor(this.map.fileBit(this.cursor.pos) / 8);
  }

  get bytesLeft(): number {
    return Math.floor(this.cursor.bitsLeft / 8);
  }

  get bitsLeft(): number {
    return this.cursor.bitsLeft;
  }

  /** Limit reads to end at `bit` (in data bits); returns the previous limit to restore. */
  limit(bit: number): number {
    const previous = this.cursor.end;
    this.cursor.end = Math.min(bit, previous);
    return previous;
  }

  restoreLimit(previous: number): void {
    this.cursor.end = previous;
  }

  seek(bit: number): void {
    this.cursor.pos = bit;
  }

  /** Converts an absolute byte offset to a bit position in `data` (linear maps only). */
  dataBitOfByte(absByte: number): number {
    return absByte * 8 - this.map.fileBit(0);
  }

  /** Records a field spanning data bits [startBit, this.pos). */
  private push(name: string, startBit: number, value: FieldValue, display?: string): Field {
    const first = this.map.fileBit(startBit);
    const own = this.cursor.pos - startBit;
    const last = own > 0 ? this.map.fileBit(this.cursor.pos - 1) + 1 : first;
    const field: Field = { name, bitOffset: first, bitLength: last - first, value };
    if (last - first !== own) field.ownBits = own;
    if (display !== undefined) field.display = display;
    this.fields.push(field);
    return field;
  }

  /** Unsigned integer of n <= 32 bits. */
  u(n: number, name: string, display?: Display): number {
    const start = this.cursor.pos;
    const v = this.cursor.bits(n);
    if (this.options.record) this.push(name, start, v, describe(display, v));
    return v;
  }

  u8(name: string, display?: Display): number {
    return this.u(8, name, display);
  }
  u16(name: string, display?: Display): number {
    return this.u(16, name, display);
  }
  u24(name: string, display?: Display): number {
    return this.u(24, name, display);
  }
  u32(name: string, display?: Display): number {
    return this.u(32, name, display);
  }

  /** Two's complement signed integer of n <= 32 bits. */
  i(n: number, name: string, display?: Display): number {
    const start = this.cursor.pos;
    const raw = this.cursor.bits(n);
    const v = raw >= 2 ** (n - 1) ? raw - 2 ** n : raw;
    if (this.options.record) this.push(name, start, v, describe(display, v));
    return v;
  }

  /** Unsigned integer of up to 64 bits. Returns a number (exact below 2^53, rounded above); records the exact value. */
  u64(name: string, n = 64, display?: (v: bigint) => string | undefined): number {
    const start = this.cursor.pos;
    const v = this.cursor.wideBits(n);
    if (this.options.record) this.push(name, start, v, display?.(BigInt(v)));
    return Number(v);
  }

  /** Exact unsigned integer of up to 64 bits. */
  u64n(name: string, n = 64): bigint {
    const start = this.cursor.pos;
    const v = this.cursor.bigBits(n);
    if (this.options.record) this.push(name, start, v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
    return v;
  }

  /** Signed 64-bit integer; records the exact value. */
  i64(name: string, display?: (v: bigint) => string | undefined): number {
    const start = this.cursor.pos;
    const v = BigInt.asIntN(64, this.cursor.bigBits(64));
    const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
    if (this.options.record) this.push(name, start, safe ? Number(v) : v, display?.(v));
    return Number(v);
  }

  flag(name: string, display?: Display): boolean {
    const start = this.cursor.pos;
    const v = this.cursor.bits(1) === 1;
    if (this.options.record) this.push(name, start, v, describe(display, v ? 1 : 0));
    return v;
  }

  ue(name: string, display?: Display): number {
    const start = this.cursor.pos;
    const v = this.cursor.ue();
    if (this.options.record) this.push(name, start, v, describe(display, v));
    return v;
  }

  se(name: string, display?: Display): number {
    const start = this.cursor.pos;
    const v = this.cursor.se();
    if (this.options.record) this.push(name, start, v, describe(display, v));
    return v;
  }

  /** Fixed-point number with `intBits`.`fracBits` (16.16 matrices, 8.8 volume). Records the raw integer. */
  fixed(intBits: number, fracBits: number, name: string, signed = false): number {
    const n = intBits + fracBits;
    const start = this.cursor.pos;
    let raw = this.cursor.bits(n);
    if (signed && raw >= 2 ** (n - 1)) raw -= 2 ** n;
    const v = raw / 2 ** fracBits;
    if (this.options.record) this.push(name, start, raw, String(v));
    return v;
  }

  /** A byte string (no copy). */
  bytes(n: number, name: string, display?: string): Uint8Array {
    const start = this.cursor.pos;
    const v = this.cursor.bytes(n);
    if (this.options.record) this.push(name, start, v, display);
    return v;
  }

  /** Four ASCII characters (box types, brands, handler types). */
  fourcc(name: string, display?: (code: string) => string | undefined): string {
    const start = this.cursor.pos;
    const b = this.cursor.bytes(4);
    const v = String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!);
    if (this.options.record) this.push(name, start, v, display?.(v));
    return v;
  }

  /**
   * A NUL-terminated UTF-8 string that may not run past the current limit.
   * Returns `terminated: false` when the bytes end first (a diagnostic is the caller's call).
   */
  cstring(name: string): { value: string; terminated: boolean } {
    const start = this.cursor.pos;
    const d = this.cursor.data;
    const from = start >>> 3;
    const limit = this.cursor.end >>> 3;
    let i = from;
    while (i < limit && d[i] !== 0) i++;
    const terminated = i < limit;
    const value = textDecoder.decode(d.subarray(from, i));
    this.cursor.pos = (terminated ? i + 1 : i) * 8;
    if (this.options.record) this.push(name, start, value);
    return { value, terminated };
  }

  /** Fixed-length text (ISO 639 codes, Pascal strings' bodies). */
  text(n: number, name: string): string {
    const start = this.cursor.pos;
    const v = textDecoder.decode(this.cursor.bytes(n));
    if (this.options.record) this.push(name, start, v);
    return v;
  }

  /** Fixed-length text in a given encoding ('utf-16le', 'utf-16be', 'latin1'; ID3 frames say which they use). */
  textAs(n: number, name: string, encoding: string): string {
    const start = this.cursor.pos;
    const v = new TextDecoder(encoding).decode(this.cursor.bytes(n));
    if (this.options.record) this.push(name, start, v);
    return v;
  }

  skip(bits: number, name?: string): void {
    const start = this.cursor.pos;
    this.cursor.skip(bits);
    if (name !== undefined && this.options.record) this.push(name, start, bits <= 32 ? 0 : `${bits} bits`);
  }

  /** A value computed from other fields; recorded at the current position with no bits of its own. */
  derive(name: string, value: FieldValue, display?: string): void {
    if (!this.options.record) return;
    const at = this.map.fileBit(this.cursor.pos);
    const field: Field = { name, bitOffset: at, bitLength: 0, value, derived: true };
    if (display !== undefined) field.display = display;
    this.fields.push(field);
  }

  /** The last field recorded (to add a display or doc after the fact); undefined when not recording. */
  get last(): Field | undefined {
    return this.options.record ? this.fields[this.fields.length - 1] : undefined;
  }

  /**
   * Records everything `body` reads as sub-fields of one field named `name`, whose span covers them.
   * The group's value is what `value` gives (default: the number of sub-fields).
   */
  group<T>(name: string, body: () => T, value?: (result: T) => FieldValue, display?: (result: T) => string | undefined): T {
    if (!this.options.record) return body();
    const outer = this.fields;
    const inner: Field[] = [];
    const startBit = this.cursor.pos;
    this.fields = inner;
    let result: T;
    try {
      result = body();
    } finally {
      this.fields = outer;
      const group = this.push(name, startBit, inner.length);
      group.fields = inner;
    }
    const group = outer[outer.length - 1]!;
    if (value) group.value = value(result);
    const shown = display?.(result);
    if (shown !== undefined) group.display = shown;
    return result;
  }

  /**
   * A table of `count` entries: each entry's reads become one group field `name[i]`.
   * Only the window [options.firstEntry, + options.maxEntries) is recorded; the other entries are read
   * without recording and counted in `omitted`, so a long table costs one field per shown entry.
   * Callers must check `count` against the bytes left before allocating anything from it.
   */
  table(name: string, count: number, entry: (i: number) => void): void {
    this.tableWith(name, count, entry, (from, to) => {
      for (let i = from; i < to; i++) entry(i);
    });
  }

  /**
   * A table of `count` rows of byte-aligned integer columns (stsz sizes, chunk offsets, stts runs ...),
   * returned as one typed array per column (`count` long; 64-bit columns as Float64Array, exact below 2^53).
   * Recorded as `table` records it, each column read as `u`/`i`/`u64` would read it; the rows outside the
   * window are decoded by one loop over the bytes instead of reader calls (a 100,000-sample stsz costs a
   * pass over 400 kB, not 100,000 calls). A table the bytes cannot hold is read row by row, to fail where it ends.
   */
  columns(name: string, count: number, layout: readonly TableColumn[]): ColumnArray[] {
    const out = layout.map(newColumn(count));
    const readRow = (i: number): void => {
      layout.forEach((c, k) => {
        out[k]![i] = c.bits === 64 ? this.u64(c.name) : c.signed ? this.i(32, c.name, c.display) : this.u(32, c.name, c.display);
      });
    };
    const rowBits = layout.reduce((n, c) => n + c.bits, 0);
    if ((this.cursor.pos & 7) !== 0 || count * rowBits > this.cursor.bitsLeft) {
      this.table(name, count, readRow);
      return out;
    }
    decodeColumns(this.cursor.data, this.cursor.pos >>> 3, count, layout, out);
    // Every row is decoded; the reader only moves past the rows it does not record.
    this.tableWith(name, count, readRow, (from, to) => this.cursor.skip((to - from) * rowBits));
    return out;
  }

  /** `table`, with the rows outside the recorded window handled by `quiet(from, to)`. */
  private tableWith(name: string, count: number, entry: (i: number) => void, quiet: (from: number, to: number) => void): void {
    if (!this.options.record) {
      quiet(0, count);
      return;
    }
    const first = Math.min(count, Math.max(0, this.options.firstEntry ?? 0));
    const last = Math.min(count, first + this.options.maxEntries);
    const startBit = this.cursor.pos;
    const outer = this.fields;
    const rows: Field[] = [];
    const saved = this.options;
    const silent = { ...saved, record: false };
    try {
      this.options = silent;
      quiet(0, first);
      this.options = saved;
      for (let i = first; i < last; i++) this.tableRow(name, i, rows, entry);
      this.options = silent;
      quiet(last, count);
    } finally {
      this.options = saved;
      this.fields = outer;
      const table = this.push(name, startBit, count, `${count} entries`);
      table.fields = rows;
      if (count - (last - first) > 0) table.omitted = count - (last - first);
      if (first > 0) table.firstEntry = first;
    }
  }

  private tableRow(name: string, i: number, rows: Field[], entry: (i: number) => void): void {
    const row: Field[] = [];
    const rowStart = this.cursor.pos;
    this.fields = row;
    try {
      entry(i);
    } finally {
      this.fields = rows;
      const f = this.push(`${name}[${i}]`, rowStart, i);
      if (row.length === 1) {
        // A one-field entry is shown as the field itself, named by its index.
        Object.assign(f, row[0], { name: `${name}[${i}]` });
      } else {
        f.fields = row;
      }
    }
  }
}
