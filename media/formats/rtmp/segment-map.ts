/**
 * A message's payload arrives in chunk bodies with chunk headers in between. The payload is read
 * as one array; this map takes each payload position back to its byte in the session stream, so
 * a field split by a chunk header is shown where its bytes are (spanning the header, with
 * `ownBits` saying how much of the span is its own), like fields around emulation-prevention bytes.
 */
import type { AddressMap } from '../../bits/address-map.js';
import type { Diagnostic, Field, Node } from '../../model/types.js';

export class SegmentMap implements AddressMap {
  /** Payload offset where each segment begins, and its absolute offset; segments are contiguous in the payload. */
  private readonly payloadStarts: number[] = [];
  private readonly absStarts: number[] = [];
  length = 0;

  add(absStart: number, size: number): void {
    if (size <= 0) return;
    const n = this.absStarts.length;
    // A segment that continues the previous one in the stream merges with it.
    if (n > 0 && this.absStarts[n - 1]! + (this.length - this.payloadStarts[n - 1]!) === absStart) {
      this.length += size;
      return;
    }
    this.payloadStarts.push(this.length);
    this.absStarts.push(absStart);
    this.length += size;
  }

  get segments(): number {
    return this.absStarts.length;
  }

  /** Absolute byte of payload byte `p` (p may equal the length: the end of the last segment). */
  absByte(p: number): number {
    const starts = this.payloadStarts;
    if (starts.length === 0) return p;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return this.absStarts[lo]! + (p - starts[lo]!);
  }

  fileBit(dataBit: number): number {
    const byte = Math.floor(dataBit / 8);
    return this.absByte(byte) * 8 + (dataBit - byte * 8);
  }

  /** The absolute range of payload bytes [from, to): from the first byte to just after the last. */
  absRange(from: number, to: number): [number, number] {
    const start = this.absByte(from);
    return [start, to > from ? this.absByte(to - 1) + 1 : start];
  }

  /** First absolute byte after the payload. */
  get absEnd(): number {
    return this.length > 0 ? this.absByte(this.length - 1) + 1 : this.absByte(0);
  }
}

function remapField(f: Field, map: SegmentMap): void {
  const own = f.ownBits ?? f.bitLength;
  const first = map.fileBit(f.bitOffset);
  if (f.bitLength > 0) {
    const last = map.fileBit(f.bitOffset + f.bitLength - 1) + 1;
    f.bitLength = last - first;
    if (f.bitLength !== own) f.ownBits = own;
  }
  f.bitOffset = first;
  if (f.fields) for (const c of f.fields) remapField(c, map);
}

function remapDiagnostic(d: Diagnostic, map: SegmentMap): void {
  [d.start, d.end] = map.absRange(d.start, d.end);
}

/** Moves a node read in payload coordinates (offset 0 = first payload byte) to the session stream. */
export function remapNode(node: Node, map: SegmentMap): void {
  [node.start, node.end] = map.absRange(node.start, node.end);
  for (const f of node.fields) remapField(f, map);
  for (const d of node.diagnostics) remapDiagnostic(d, map);
  for (const c of node.children) remapNode(c, map);
}
