/** Builds H.264/HEVC syntax bit by bit for tests: each call is one syntax element, named at the call site. */
export class BitWriter {
  private bits: number[] = [];

  u(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  flag(value: boolean | number): this {
    return this.u(1, value ? 1 : 0);
  }

  ue(value: number): this {
    const code = value + 1;
    const len = Math.floor(Math.log2(code));
    this.u(len, 0);
    return this.u(len + 1, code);
  }

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

  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => {
      if (b) out[i >> 3]! |= 0x80 >> (i & 7);
    });
    return out;
  }
}

/** Inserts emulation_prevention_three_byte where the RBSP would emulate a start code (7.4.1). */
export function emulationPrevent(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}
