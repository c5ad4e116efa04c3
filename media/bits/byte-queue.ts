/**
 * Bytes pushed in chunks of any size (a socket, a file read, one byte at a time), read from the front
 * in the sizes a parser needs: `peek` looks ahead without taking (a header's size is known only from its
 * first bytes), `take` removes. Views into the pushed arrays are returned when the bytes lie in one of
 * them; a copy is made only across array boundaries. Discarding never copies.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index of the first chunk still queued (a counter, not shift(): byte-at-a-time pushes stay linear). */
  private first = 0;
  /** Bytes of the first chunk already taken. */
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

  /** The next `n` bytes (n <= length), removed from the queue. */
  take(n: number): Uint8Array {
    if (n > this.total) throw new RangeError(`take(${n}) with ${this.total} bytes queued`);
    const first = this.chunks[this.first];
    if (n === 0 || first === undefined) return new Uint8Array(0);
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

  /** Drops the next `n` bytes (n <= length). */
  discard(n: number): void {
    let left = Math.min(n, this.total);
    while (left > 0) {
      const chunk = this.chunks[this.first]!;
      const part = Math.min(chunk.length - this.head, left);
      this.advance(part);
      left -= part;
    }
  }

  /** Drops everything queued. */
  clear(): void {
    this.chunks = [];
    this.first = 0;
    this.head = 0;
    this.total = 0;
  }

  /** Removes n bytes from the front of the first chunk (n fits in it). */
  private advance(n: number): void {
    this.head += n;
    this.total -= n;
    if (this.head >= this.chunks[this.first]!.length) {
      this.first++;
      this.head = 0;
      // Forget consumed arrays once they are the larger part, so a long session does not keep them all.
      if (this.first > 16 && this.first * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    }
  }
}
