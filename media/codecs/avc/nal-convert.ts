/**
 * Between the two framings of H.264/HEVC NAL units (shared by both codecs): Annex B byte streams
 * (start codes, H.264 B.1 / H.265 B.2) and length-prefixed samples (ISO/IEC 14496-15 sample format).
 * NAL unit bytes are copied unchanged, emulation-prevention bytes included.
 */
import { nextStartCodeEnd } from './nal-split.js';

/**
 * The NAL units of an Annex B access unit (start codes, leading and trailing zero bytes dropped),
 * as views into `bytes`. Zero-length units are skipped.
 */
export function annexBUnits(bytes: Uint8Array): Uint8Array[] {
  const units: Uint8Array[] = [];
  let one = nextStartCodeEnd(bytes, 0, bytes.length);
  while (one >= 0) {
    const start = one + 1;
    const nextOne = nextStartCodeEnd(bytes, start + 2, bytes.length);
    let end = nextOne >= 0 ? nextOne - 2 : bytes.length;
    // trailing_zero_8bits and the zero_byte of a 4-byte start code belong to no NAL unit
    // (a NAL unit never ends with a zero byte: H.264 7.4.1).
    while (end > start && bytes[end - 1] === 0) end--;
    if (end > start) units.push(bytes.subarray(start, end));
    one = nextOne;
  }
  return units;
}

/** NAL units with a big-endian length of `lengthSize` bytes (4 unless told) before each. */
export function lengthPrefixed(units: readonly Uint8Array[], lengthSize = 4): Uint8Array {
  const out = new Uint8Array(units.reduce((n, u) => n + lengthSize + u.length, 0));
  let at = 0;
  for (const u of units) {
    let n = u.length;
    for (let k = lengthSize - 1; k >= 0; k--) {
      out[at + k] = n & 0xff;
      n = Math.floor(n / 256);
    }
    out.set(u, at + lengthSize);
    at += lengthSize + u.length;
  }
  return out;
}

/** The NAL units of a length-prefixed sample, as views; a length running past the end is cut there. */
export function lengthPrefixedUnits(sample: Uint8Array, lengthSize: number): Uint8Array[] {
  const units: Uint8Array[] = [];
  let pos = 0;
  while (pos + lengthSize <= sample.length) {
    let n = 0;
    for (let k = 0; k < lengthSize; k++) n = n * 256 + sample[pos + k]!;
    const start = pos + lengthSize;
    const end = Math.min(sample.length, start + n);
    if (end > start) units.push(sample.subarray(start, end));
    pos = end;
  }
  return units;
}

/** An Annex B access unit: each NAL unit after a 4-byte start code (00 00 00 01). */
export function annexBAccessUnit(units: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(units.reduce((n, u) => n + 4 + u.length, 0));
  let at = 0;
  for (const u of units) {
    out[at + 3] = 1;
    out.set(u, at + 4);
    at += 4 + u.length;
  }
  return out;
}
