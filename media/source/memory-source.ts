import type { ByteSource } from './byte-source.js';

/** Bytes already in memory (pasted bytes, tests, small captures). */
export class MemorySource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(offset, length));
  }

  readSync(offset: number, length: number): Uint8Array {
    const from = Math.max(0, Math.min(offset, this.bytes.length));
    const to = Math.max(from, Math.min(offset + length, this.bytes.length));
    return this.bytes.subarray(from, to);
  }
}
