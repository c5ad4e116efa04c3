import { BitstreamError, OutOfData } from './errors.js';

const TWO_32 = 4294967296;

/**
 * Reads big-endian bits from a byte array, bounded by `end` (in bits).
 * The hot path of every parser, so it is written for speed: byte-aligned reads avoid the bit loop.
 */
export class BitCursor {
  /** Current position, in bits from the start of `data`. */
  pos = 0;
  /** Reads may not pass this bit. */
  end: number;

  constructor(
    readonly data: Uint8Array,
    endBit?: number,
  ) {
    this.end = endBit ?? data.length * 8;
  }

  get bitsLeft(): number {
    return this.end - this.pos;
  }

  get byteAligned(): boolean {
    return (this.pos & 7) === 0;
  }

  ensure(bits: number): void {
    if (bits < 0 || this.pos + bits > this.end) throw new OutOfData(this.pos, bits);
  }

  /** Unsigned read of 0 to 32 bits. */
  bits(n: number): number {
    this.ensure(n);
    const d = this.data;
    let p = this.pos;
    if ((p & 7) === 0) {
      const i = p >>> 3;
      if (n === 8) { this.pos = p + 8; return d[i]!; }
      if (n === 16) { this.pos = p + 16; return (d[i]! << 8) | d[i + 1]!; }
      if (n === 32) { this.pos = p + 32; return ((d[i]! << 24) >>> 0) + ((d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!); }
    }
    let value = 0;
    let left = n;
    while (left > 0) {
      const byte = d[p >>> 3]!;
      const bitInByte = p & 7;
      const take = Math.min(8 - bitInByte, left);
      const chunk = (byte >>> (8 - bitInByte - take)) & ((1 << take) - 1);
      value = value * (1 << take) + chunk;
      left -= take;
      p += take;
    }
    this.pos = p;
    return value;
  }

  /** Unsigned read of up to 64 bits as a bigint. */
  bigBits(n: number): bigint {
    if (n <= 32) return BigInt(this.bits(n));
    const high = this.bits(n - 32);
    const low = this.bits(32);
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Unsigned read of up to 64 bits as a number when exact, else as a bigint. */
  wideBits(n: number): number | bigint {
    if (n <= 32) return this.bits(n);
    const high = this.bits(n - 32);
    const low = this.bits(32);
    if (high < 0x200000) return high * TWO_32 + low;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Exp-Golomb ue(v), refusing codes over 32 leading zeros (they cannot be valid). */
  ue(): number {
    const start = this.pos;
    let zeros = 0;
    while (this.bits(1) === 0) {
      zeros++;
      if (zeros > 32) throw new BitstreamError(start, 'exp-Golomb code longer than 32 bits');
    }
    if (zeros === 0) return 0;
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  se(): number {
    const k = this.ue();
    if (k === 0) return 0; // not -0
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }

  skip(bits: number): void {
    this.ensure(bits);
    this.pos += bits;
  }

  /** Bytes from the current (byte-aligned) position, without copying. */
  bytes(n: number): Uint8Array {
    if (!this.byteAligned) throw new BitstreamError(this.pos, 'byte read at a position that is not byte-aligned');
    this.ensure(n * 8);
    const i = this.pos >>> 3;
    this.pos += n * 8;
    return this.data.subarray(i, i + n);
  }

  /** True when the bits after the current position up to `end` are an rbsp_trailing_bits pattern. */
  moreRbspData(): boolean {
    if (this.pos >= this.end) return false;
    // Find the last 1 bit before end: everything before it is payload.
    let last = this.end - 1;
    while (last >= this.pos) {
      const byte = this.data[last >>> 3]!;
      if (((byte >>> (7 - (last & 7))) & 1) === 1) break;
      last--;
    }
    return last > this.pos;
  }
}
