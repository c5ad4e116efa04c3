import type { ByteSource } from '../../../../media/source/byte-source.js';

/** Size of one cached block: the hex view reads a screen at a time, parsers a box at a time. */
export const BLOCK_SIZE = 64 * 1024;

/**
 * A small LRU of fixed-size blocks in front of a slow source (a Blob, an IPC range reader).
 * Reads are served from whole blocks, so scrolling the hex view back and forth costs no new reads.
 */
export class BlockCache implements ByteSource {
  private readonly blocks = new Map<number, Promise<Uint8Array>>();

  constructor(
    private readonly inner: ByteSource,
    private readonly maxBlocks = 64,
  ) {}

  get size(): number {
    return this.inner.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const to = Math.max(from, Math.min(offset + length, this.size));
    if (from === to) return new Uint8Array(0);
    const first = Math.floor(from / BLOCK_SIZE);
    const last = Math.floor((to - 1) / BLOCK_SIZE);
    // Reads larger than the cache go straight through: caching them would evict everything else.
    if (last - first + 1 > this.maxBlocks / 2) return this.inner.read(from, to - from);
    const parts = await Promise.all(this.blocksFor(first, last));
    if (parts.length === 1) {
      const base = first * BLOCK_SIZE;
      return parts[0]!.subarray(from - base, to - base);
    }
    const out = new Uint8Array(to - from);
    let written = 0;
    for (let i = 0; i < parts.length; i++) {
      const base = (first + i) * BLOCK_SIZE;
      const a = Math.max(from, base) - base;
      const b = Math.min(to, base + parts[i]!.length) - base;
      if (b > a) out.set(parts[i]!.subarray(a, b), written);
      written += Math.max(0, b - a);
    }
    return written === out.length ? out : out.subarray(0, written);
  }

  /**
   * Blocks first..last, each loaded once and shared by concurrent readers. Missing neighbours are read
   * with one request (a parser's 1 MB moov is one round trip through the window and the WebSocket, not 16).
   */
  private blocksFor(first: number, last: number): Promise<Uint8Array>[] {
    const out: Promise<Uint8Array>[] = [];
    for (let i = first; i <= last; ) {
      const hit = this.blocks.get(i);
      if (hit) {
        // Re-insert: Map keeps insertion order, so the first key is the least recently used.
        this.blocks.delete(i);
        this.blocks.set(i, hit);
        out.push(hit);
        i++;
        continue;
      }
      let j = i;
      while (j < last && !this.blocks.has(j + 1)) j++;
      const start = i * BLOCK_SIZE;
      const run = this.inner.read(start, Math.min((j + 1) * BLOCK_SIZE, this.size) - start);
      for (let k = i; k <= j; k++) {
        const offset = (k - i) * BLOCK_SIZE;
        const block = run.then((bytes) => bytes.subarray(offset, offset + BLOCK_SIZE));
        // A failed read must not stay cached: the next look tries again.
        block.catch(() => this.blocks.delete(k));
        this.blocks.set(k, block);
        out.push(block);
      }
      i = j + 1;
    }
    while (this.blocks.size > this.maxBlocks) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
    return out;
  }

  clear(): void {
    this.blocks.clear();
  }
}
