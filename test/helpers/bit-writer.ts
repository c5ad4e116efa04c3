/**
 * Writes big-endian bit fields for hand-made inputs whose fields do not fall on byte boundaries
 * (AAC raw elements, H.264/HEVC syntax): each call is one syntax element, named at the call site.
 */
export class BitWriter {
  private readonly bits: number[] = [];

  /** Appends `value` as `n` bits, most significant first. */
  u(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  flag(value: boolean | number): this {
    return this.u(1, value ? 1 : 0);
  }

  /** ue(v): Exp-Golomb, unsigned (H.264 9.1). */
  ue(value: number): this {
    const code = value + 1;
    const len = Math.floor(Math.log2(code));
    this.u(len, 0);
    return this.u(len + 1, code);
  }

  /** se(v): Exp-Golomb, signed (H.264 9.1.1). */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** rbsp_trailing_bits(). */
  trailing(): this {
    this.u(1, 1);
    while (this.bits.length % 8 !== 0) this.bits.push(0);
    return this;
  }

  get length(): number {
    return this.bits.length;
  }

  /** The bits so far, zero-padded to a whole byte. */
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => {
      if (b) out[i >> 3]! |= 0x80 >> (i & 7);
    });
    return out;
  }
}
