import type { ByteSource } from '../../source/byte-source.js';

/**
 * A sliding window over a ByteSource for formats read front to back (ADTS, MPEG-TS): the parser asks for
 * small ranges, the window loads them a chunk at a time, so no file is ever read whole.
 * Short reads are tolerated: a source may return fewer bytes than asked; the window asks again for the rest.
 */
export class ChunkWindow {
  /** The loaded bytes, starting at absolute offset `base`. */
  bytes: Uint8Array = new Uint8Array(0);
  base = 0;

  constructor(
    readonly source: ByteSource,
    readonly chunkSize = 256 * 1024,
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** Index of an absolute offset in `bytes`. */
  at(offset: number): number {
    return offset - this.base;
  }

  /** True when [offset, offset + length) is loaded. */
  has(offset: number, length: number): boolean {
    return offset >= this.base && offset + length <= this.base + this.bytes.length;
  }

  /**
   * Loads at least [offset, offset + length) (less at the end of the source) plus read-ahead.
   * Returns how many bytes from `offset` are available.
   */
  async ensure(offset: number, length: number): Promise<number> {
    const size = this.source.size;
    const want = Math.max(0, Math.min(length, size - offset));
    if (!this.has(offset, want)) await this.load(offset, Math.min(Math.max(want, this.chunkSize), size - offset));
    return Math.min(length, this.base + this.bytes.length - offset);
  }

  /** A view of loaded bytes (call `ensure` first). */
  view(offset: number, length: number): Uint8Array {
    const i = offset - this.base;
    return this.bytes.subarray(i, i + length);
  }

  private async load(offset: number, length: number): Promise<void> {
    const first = await this.source.read(offset, length);
    if (first.length >= length || first.length === 0) {
      this.bytes = first;
      this.base = offset;
      return;
    }
    // A short read: gather the rest, stopping if the source gives nothing more.
    const out = new Uint8Array(length);
    out.set(first);
    let filled = first.length;
    while (filled < length) {
      const more = await this.source.read(offset + filled, length - filled);
      if (more.length === 0) break;
      out.set(more.subarray(0, length - filled), filled);
      filled += Math.min(more.length, length - filled);
    }
    this.bytes = out.subarray(0, filled);
    this.base = offset;
  }
}
