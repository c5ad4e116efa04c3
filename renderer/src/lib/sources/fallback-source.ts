import type { ByteSource } from '../../../../media/source/byte-source.js';

/**
 * Reads from `primary` until it fails once, then from the source `fallback` makes, for good: the parse worker
 * reads a file's range address itself and falls back to asking the window when a host cannot answer there
 * (a custom scheme a worker may not reach, a proxy that drops Range). The failed read is retried on the fallback.
 */
export class FallbackSource implements ByteSource {
  private current: ByteSource;
  private switched = false;

  constructor(
    private readonly primary: ByteSource,
    private readonly fallback: () => ByteSource,
  ) {
    this.current = primary;
  }

  get size(): number {
    return this.current.size;
  }

  /** Whether reads now go to the fallback. */
  get fellBack(): boolean {
    return this.switched;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const source = this.current;
    try {
      return await source.read(offset, length);
    } catch (e) {
      // A failure of the fallback itself is the caller's; reads that failed on the primary all move over.
      if (source !== this.primary) throw e;
      if (!this.switched) {
        this.current = this.fallback();
        this.switched = true;
      }
      return this.current.read(offset, length);
    }
  }
}
