/** Writes big-endian bit fields, for building syntax whose fields do not fall on byte boundaries. */
export class BitWriter {
  private readonly bits: number[] = [];

  /** Appends `value` as `n` bits, most significant first. */
  u(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
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
