import type { GrowingByteSource } from './byte-source.js';

/**
 * An append-only source: a live capture pushes bytes as they arrive and readers see them at once.
 * Storage is a list of chunks, so appending never copies what came before.
 */
export class GrowingSource implements GrowingByteSource {
  private readonly chunks: Uint8Array[] = [];
  /** Start offset of each chunk, for binary search. */
  private readonly starts: number[] = [];
  private total = 0;
  private done = false;
  private readonly waiters: Array<() => void> = [];

  get size(): number {
    return this.total;
  }

  get complete(): boolean {
    return this.done;
  }

  append(bytes: Uint8Array): void {
    if (this.done) throw new Error('append after end');
    if (bytes.length === 0) return;
    this.starts.push(this.total);
    this.chunks.push(bytes);
    this.total += bytes.length;
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  /** Resolves when more bytes arrive or the source ends. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(offset, length));
  }

  readSync(offset: number, length: number): Uint8Array {
    const from = Math.max(0, Math.min(offset, this.total));
    const to = Math.max(from, Math.min(offset + length, this.total));
    if (from === to) return new Uint8Array(0);
    let i = this.chunkAt(from);
    const first = this.chunks[i]!;
    const firstStart = this.starts[i]!;
    if (to <= firstStart + first.length) return first.subarray(from - firstStart, to - firstStart);
    const out = new Uint8Array(to - from);
    let written = 0;
    while (written < out.length) {
      const chunk = this.chunks[i]!;
      const chunkStart = this.starts[i]!;
      const a = from + written - chunkStart;
      const b = Math.min(chunk.length, to - chunkStart);
      out.set(chunk.subarray(a, b), written);
      written += b - a;
      i++;
    }
    return out;
  }

  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
