import type { BitlensApi } from '../../../../electron/api.js';
import { MAX_READ_RANGE } from '../../../../electron/api.js';
import type { ByteSource } from '../../../../media/source/byte-source.js';

/**
 * A live session's bytes for the window's views: read from the Node side (which holds the stream) on
 * demand, so the window keeps none of them. `size` is reactive: it grows as the document takes in bytes,
 * and the hex view's extent follows.
 */
export class LiveSource implements ByteSource {
  size = $state(0);

  constructor(
    private readonly api: BitlensApi,
    private readonly fileId: string,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const to = Math.max(from, Math.min(offset + length, this.size));
    if (to - from <= MAX_READ_RANGE) return this.api.readRange(this.fileId, from, to - from);
    const out = new Uint8Array(to - from);
    let at = from;
    while (at < to) {
      const part = await this.api.readRange(this.fileId, at, Math.min(MAX_READ_RANGE, to - at));
      if (part.length === 0) break;
      out.set(part, at - from);
      at += part.length;
    }
    return out.subarray(0, at - from);
  }
}
