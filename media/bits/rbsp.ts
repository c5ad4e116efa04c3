import { type AddressMap, LinearMap } from './address-map.js';

/**
 * Maps bits of an RBSP (a NAL unit's payload with every emulation_prevention_three_byte removed)
 * to bits in the file. `after[k]` is the RBSP byte index that followed the k-th removed byte, so an
 * RBSP byte at index i sits `count(after[k] <= i)` bytes further into the file than a linear map says.
 * A field that straddles a removed byte then starts at its first bit and ends at its last, and
 * FieldReader records how many of the spanned bits are its own.
 */
export class RbspMap implements AddressMap {
  constructor(
    readonly baseByte: number,
    private readonly after: Int32Array,
  ) {}

  fileBit(dataBit: number): number {
    const byte = Math.floor(dataBit / 8);
    const after = this.after;
    // Binary search: the number of removed bytes at or before `byte`.
    let lo = 0;
    let hi = after.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after[mid]! <= byte) lo = mid + 1;
      else hi = mid;
    }
    return this.baseByte * 8 + dataBit + lo * 8;
  }
}

export interface Rbsp {
  /** The payload with emulation-prevention bytes removed (the input itself when there were none). */
  data: Uint8Array;
  /** RBSP bits to file bits. */
  map: AddressMap;
  /** Absolute file byte offset of each removed emulation_prevention_three_byte, ascending. */
  epb: number[];
  /** How many input bytes were converted (less than the NAL unit when a limit was given). */
  consumed: number;
}

/** Index of the first 0x03 preceded by two zero bytes in [from, to), or -1. */
function firstEpb(nal: Uint8Array, from: number, to: number): number {
  let zeros = 0;
  for (let i = from; i < to; i++) {
    const b = nal[i]!;
    if (b === 3 && zeros >= 2) return i;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return -1;
}

/**
 * The RBSP view of NAL unit bytes `nal` that start at absolute byte `baseByte`.
 * Every 00 00 03 inside a NAL unit is an emulation_prevention_three_byte (H.264 7.4.1, H.265 7.4.2),
 * whatever follows it. Only the first `limit` bytes are converted (a slice header needs a few dozen).
 */
export function toRbsp(nal: Uint8Array, baseByte: number, limit = nal.length): Rbsp {
  const to = Math.min(limit, nal.length);
  const first = firstEpb(nal, 0, to);
  if (first < 0) return { data: nal.subarray(0, to), map: new LinearMap(baseByte), epb: [], consumed: to };
  const out = new Uint8Array(to);
  out.set(nal.subarray(0, first), 0);
  let n = first;
  const epb: number[] = [baseByte + first];
  const after: number[] = [first];
  let zeros = 0;
  for (let i = first + 1; i < to; i++) {
    const b = nal[i]!;
    if (b === 3 && zeros >= 2) {
      epb.push(baseByte + i);
      after.push(n);
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out[n++] = b;
  }
  return { data: out.subarray(0, n), map: new RbspMap(baseByte, Int32Array.from(after)), epb, consumed: to };
}
