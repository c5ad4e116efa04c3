/**
 * A growable big-endian byte buffer for writing ISO-BMFF boxes. `box()` and `fullBox()` reserve the
 * 32-bit size, run the body, and patch the size afterwards, so nested boxes need no size arithmetic.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, capacity));
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    this.view.setUint16(this.length, v & 0xffff);
    this.length += 2;
    return this;
  }

  u24(v: number): this {
    this.room(3);
    this.buf[this.length] = (v >>> 16) & 0xff;
    this.buf[this.length + 1] = (v >>> 8) & 0xff;
    this.buf[this.length + 2] = v & 0xff;
    this.length += 3;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    this.view.setUint32(this.length, v >>> 0);
    this.length += 4;
    return this;
  }

  i32(v: number): this {
    this.room(4);
    this.view.setInt32(this.length, v | 0);
    this.length += 4;
    return this;
  }

  /** An unsigned 64-bit value from a safe integer (times and offsets stay below 2^53). */
  u64(v: number): this {
    this.room(8);
    const high = Math.floor(v / 0x1_0000_0000);
    this.view.setUint32(this.length, high >>> 0);
    this.view.setUint32(this.length + 4, (v - high * 0x1_0000_0000) >>> 0);
    this.length += 8;
    return this;
  }

  /** A signed 64-bit value (two's complement) from a safe integer. */
  i64(v: number): this {
    this.room(8);
    this.view.setBigInt64(this.length, BigInt(v));
    this.length += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  zeros(n: number): this {
    this.room(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }

  /** Four ASCII characters (a box type or a brand). */
  fourcc(s: string): this {
    if (s.length !== 4) throw new RangeError(`a fourcc has 4 characters: '${s}'`);
    this.room(4);
    for (let i = 0; i < 4; i++) this.buf[this.length + i] = s.charCodeAt(i) & 0xff;
    this.length += 4;
    return this;
  }

  /** A box: size (patched after `body`), type, body. */
  box(type: string, body?: () => void): this {
    const start = this.length;
    this.u32(0).fourcc(type);
    body?.();
    this.view.setUint32(start, this.length - start);
    return this;
  }

  /** A full box (ISO/IEC 14496-12 4.2): size, type, version (8 bits), flags (24 bits), body. */
  fullBox(type: string, version: number, flags: number, body?: () => void): this {
    return this.box(type, () => {
      this.u8(version).u24(flags);
      body?.();
    });
  }

  /** Overwrites a 32-bit value already written (a data offset known only later). */
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0);
  }

  /** The bytes written (a view: copy it if the writer is used again). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
