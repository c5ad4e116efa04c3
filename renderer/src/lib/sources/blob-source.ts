import type { ByteSource } from '../../../../media/source/byte-source.js';

/** A dropped or picked File (or any Blob): range reads slice it, nothing loads the whole file. */
export class BlobSource implements ByteSource {
  constructor(private readonly blob: Blob) {}

  get size(): number {
    return this.blob.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.blob.size));
    const to = Math.max(from, Math.min(offset + length, this.blob.size));
    if (from === to) return new Uint8Array(0);
    return new Uint8Array(await this.blob.slice(from, to).arrayBuffer());
  }
}
