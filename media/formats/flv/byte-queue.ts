/**
 * Bytes pushed in chunks of any size, taken from the front in the sizes a parser needs.
 * Taking copies only when the bytes span chunks; discarding never copies.
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

  /** Removes n bytes from the front of the first chunk (n fits in it). */
  private advance(n: number): void {
    this.head += n;
    this.total -= n;
    if (this.head >= this.chunks[this.first]!.length) {
      this.first++;
      this.head = 0;
      if (this.first > 1024 && this.first * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    }
  }
}
