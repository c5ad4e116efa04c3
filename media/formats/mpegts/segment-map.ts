/**
 * Bytes gathered from several places of a file (a PES or a PSI section spread over 188-byte packets) and the
 * address map from their concatenation back to the file, so fields read from the joined bytes are shown at
 * their real bits (around the TS headers in between).
 */
import type { AddressMap } from '../../bits/address-map.js';
import type { Field, Node } from '../../model/types.js';

export interface Segment {
  /** Offset in the joined bytes. */
  dataStart: number;
  /** Absolute file offset of that byte. */
  fileStart: number;
  length: number;
}

export class SegmentMap implements AddressMap {
  private last = 0;

  constructor(private readonly segments: readonly Segment[]) {}

  /** Absolute file bit of bit `dataBit` of the joined bytes (past the end: extrapolated from the last segment). */
  fileBit(dataBit: number): number {
    const byte = Math.floor(dataBit / 8);
    const s = this.segmentOf(byte);
    if (!s) return dataBit;
    return (s.fileStart + byte - s.dataStart) * 8 + (dataBit - byte * 8);
  }

  /** The pieces of joined bytes [from, to), each with its file offset. */
  segmentsIn(from: number, to: number): Segment[] {
    const out: Segment[] = [];
    for (const s of this.segments) {
      const a = Math.max(from, s.dataStart);
      const b = Math.min(to, s.dataStart + s.length);
      if (a < b) out.push({ dataStart: a, fileStart: s.fileStart + a - s.dataStart, length: b - a });
    }
    return out;
  }

  /** Absolute file offset of a byte of the joined data. */
  fileByte(dataByte: number): number {
    return Math.floor(this.fileBit(dataByte * 8) / 8);
  }

  /** Absolute end (exclusive) of joined bytes [.., dataEnd): the byte after the last one's file position. */
  fileEnd(dataEnd: number): number {
    return dataEnd <= 0 ? this.fileByte(0) : this.fileByte(dataEnd - 1) + 1;
  }

  private segmentOf(byte: number): Segment | undefined {
    const segs = this.segments;
    if (segs.length === 0) return undefined;
    let s = segs[this.last]!;
    if (byte >= s.dataStart && byte < s.dataStart + s.length) return s;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.dataStart <= byte) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    s = segs[lo]!;
    return s;
  }
}

/** Appends pieces (views, not copies) with their file offsets; `take` joins a prefix and maps it. */
export class Accumulator {
  private pieces: Array<{ bytes: Uint8Array; fileStart: number }> = [];
  length = 0;

  append(bytes: Uint8Array, fileStart: number): void {
    if (bytes.length === 0) return;
    this.pieces.push({ bytes, fileStart });
    this.length += bytes.length;
  }

  clear(): void {
    this.pieces = [];
    this.length = 0;
  }

  /** Byte `i` of the joined data (undefined past the end). */
  byteAt(i: number): number | undefined {
    for (const p of this.pieces) {
      if (i < p.bytes.length) return p.bytes[i];
      i -= p.bytes.length;
    }
    return undefined;
  }

  /** Joins and removes the first `n` bytes. */
  take(n: number): { bytes: Uint8Array; map: SegmentMap } {
    n = Math.min(n, this.length);
    const segments: Segment[] = [];
    const single = this.pieces.length > 0 && this.pieces[0]!.bytes.length >= n;
    const bytes = single ? this.pieces[0]!.bytes.subarray(0, n) : new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const p = this.pieces[0]!;
      const use = Math.min(p.bytes.length, n - filled);
      if (!single) bytes.set(p.bytes.subarray(0, use), filled);
      segments.push({ dataStart: filled, fileStart: p.fileStart, length: use });
      filled += use;
      if (use === p.bytes.length) this.pieces.shift();
      else this.pieces[0] = { bytes: p.bytes.subarray(use), fileStart: p.fileStart + use };
    }
    this.length -= n;
    return { bytes, map: new SegmentMap(segments) };
  }
}

/**
 * Moves a node parsed at data coordinates (absolute offset 0 = first joined byte) to its file positions:
 * node ranges, diagnostics and every field's bits. Lets parsers that take a linear offset (the NAL readers)
 * annotate bytes that are split across TS packets.
 */
export function relocate(node: Node, map: SegmentMap): void {
  node.start = map.fileByte(node.start);
  node.end = Math.max(node.start, map.fileEnd(node.end));
  for (const d of node.diagnostics) {
    d.start = map.fileByte(d.start);
    d.end = Math.max(d.start, map.fileEnd(d.end));
  }
  relocateFields(node.fields, map);
  for (const c of node.children) relocate(c, map);
}

function relocateFields(fields: Field[], map: SegmentMap): void {
  for (const f of fields) {
    const own = f.ownBits ?? f.bitLength;
    const first = map.fileBit(f.bitOffset);
    const last = f.bitLength > 0 ? map.fileBit(f.bitOffset + f.bitLength - 1) + 1 : first;
    f.bitOffset = first;
    if (last - first !== f.bitLength || f.ownBits !== undefined) f.ownBits = own;
    f.bitLength = last - first;
    if (f.ownBits === f.bitLength) delete f.ownBits;
    if (f.fields) relocateFields(f.fields, map);
  }
}
