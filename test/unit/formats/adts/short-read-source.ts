import type { ByteSource } from '../../../../media/source/byte-source.js';

/** A source that answers each read with at most the next chunk length from `chunks` (cycled): short reads everywhere. */
export class ShortReadSource implements ByteSource {
  private next = 0;
  reads = 0;
  maxRead = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly chunks: readonly number[],
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    this.reads++;
    this.maxRead = Math.max(this.maxRead, length);
    const limit = Math.max(1, this.chunks[this.next++ % this.chunks.length]!);
    const from = Math.max(0, Math.min(offset, this.bytes.length));
    const to = Math.min(from + Math.min(length, limit), this.bytes.length);
    return Promise.resolve(this.bytes.slice(from, to));
  }
}
