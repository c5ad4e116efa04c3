import type { BitlensApi, OpenedFile } from '../../../../electron/api.js';
import { MAX_READ_RANGE } from '../../../../electron/api.js';
import type { ByteSource } from '../../../../media/source/byte-source.js';
import { BlockCache } from './block-cache.js';

/** Uncached range reads of a file the Node side opened, split to the API's per-call limit. */
class RangeReader implements ByteSource {
  constructor(
    private readonly api: BitlensApi,
    private readonly file: OpenedFile,
  ) {}

  get size(): number {
    return this.file.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const to = Math.max(from, Math.min(offset + length, this.size));
    if (to - from <= MAX_READ_RANGE) return this.api.readRange(this.file.fileId, from, to - from);
    const out = new Uint8Array(to - from);
    let at = from;
    while (at < to) {
      const part = await this.api.readRange(this.file.fileId, at, Math.min(MAX_READ_RANGE, to - at));
      if (part.length === 0) break;
      out.set(part, at - from);
      at += part.length;
    }
    return out.subarray(0, at - from);
  }
}

/** An OpenedFile read through `api.readRange`, with an LRU of 64 KiB blocks. */
export class RemoteSource extends BlockCache {
  constructor(
    readonly api: BitlensApi,
    readonly file: OpenedFile,
  ) {
    super(new RangeReader(api, file));
  }

  close(): Promise<void> {
    return this.api.closeFile(this.file.fileId);
  }
}
