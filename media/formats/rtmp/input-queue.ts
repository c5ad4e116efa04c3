/**
 * Bytes as they arrive, read from the front: `peek` looks ahead without taking (a chunk header's
 * size is known only from its first bytes), `take` removes. Views into the pushed arrays are
 * returned when the bytes lie in one of them; a copy is made only across array boundaries.
 */
export class InputQueue {
  private chunks: Uint8Array[] = [];
  private first = 0;
  private head = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.total += bytes.length;
  }

  /** The byte `i` places from the front (i < length). */
  peek(i: number): number {
    let at = this.head + i;
    for (let c = this.first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      if (at < chunk.length) return chunk[at]!;
      at -= chunk.length;
    }
    throw new RangeError(`peek(${i}) with ${this.total} bytes queued`);
  }

  /** Big-endian unsigned integer of `n` <= 4 bytes at `i`. */
  peekUint(i: number, n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 256 + this.peek(i + k);
    return v;
  }

  /** The next `n` bytes, removed from the queue. */
  take(n: number): Uint8Array {
    if (n > this.total) throw new RangeError(`take(${n}) with ${this.total} bytes queued`);
    if (n === 0) return new Uint8Array(0);
    const first = this.chunks[this.first]!;
    if (this.head + n <= first.length) {
      const out = first.subarray(this.head, this.head + n);
      this.advance(n);
      return out;
    }
    const out = new Uint8Array(n);
    let written = 0;
    while (written < n) {
      const chunk = this.chunks[this.first]!;
      const part = Math.min(chunk.length - this.head, n - written);
      out.set(chunk.subarray(this.head, this.head + part), written);
      written += part;
      this.advance(part);
    }
    return out;
  }

  /** Drops everything queued. */
  clear(): void {
    this.chunks = [];
    this.first = 0;
    this.head = 0;
    this.total = 0;
  }

  private advance(n: number): void {
    this.head += n;
    this.total -= n;
    if (this.head >= this.chunks[this.first]!.length) {
      this.first++;
      this.head = 0;
      // Forget consumed arrays now and then, so a long session does not keep them all.
      if (this.first > 16 && this.first * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    }
  }
}
