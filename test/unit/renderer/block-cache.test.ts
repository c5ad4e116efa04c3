import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { BLOCK_SIZE, BlockCache } from '../../../renderer/src/lib/sources/block-cache.js';

/** Counts the reads that reach the slow source behind the cache. */
class CountingSource implements ByteSource {
  reads: Array<[number, number]> = [];
  constructor(private readonly inner: MemorySource) {}
  get size(): number {
    return this.inner.size;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    return this.inner.read(offset, length);
  }
}

const bytes = Uint8Array.from({ length: BLOCK_SIZE * 20 + 123 }, (_, i) => (i * 7 + (i >> 9)) & 0xff);

describe('the block cache in front of a slow source', () => {
  it('reads a run of missing blocks with one request, and serves repeats from memory', async () => {
    const slow = new CountingSource(new MemorySource(bytes));
    const cache = new BlockCache(slow, 64);
    const from = BLOCK_SIZE * 2 + 10;
    const got = await cache.read(from, BLOCK_SIZE * 5);
    expect(got).toEqual(bytes.subarray(from, from + BLOCK_SIZE * 5));
    expect(slow.reads).toEqual([[BLOCK_SIZE * 2, BLOCK_SIZE * 6]]);
    expect(await cache.read(from + 100, 1000)).toEqual(bytes.subarray(from + 100, from + 1100));
    expect(slow.reads).toHaveLength(1);
  });

  it('fetches only the missing blocks around cached ones, and the last short block', async () => {
    const slow = new CountingSource(new MemorySource(bytes));
    const cache = new BlockCache(slow, 64);
    await cache.read(BLOCK_SIZE * 5, 10); // block 5 cached
    slow.reads = [];
    const got = await cache.read(BLOCK_SIZE * 3, BLOCK_SIZE * 18);
    expect(got).toEqual(bytes.subarray(BLOCK_SIZE * 3));
    expect(slow.reads).toEqual([
      [BLOCK_SIZE * 3, BLOCK_SIZE * 2],
      [BLOCK_SIZE * 6, bytes.length - BLOCK_SIZE * 6],
    ]);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const flaky: ByteSource = { size: bytes.length, read: (o, l) => (fail ? Promise.reject(new Error('gone')) : Promise.resolve(bytes.subarray(o, o + l))) };
    const cache = new BlockCache(flaky, 64);
    await expect(cache.read(0, 10)).rejects.toThrow('gone');
    fail = false;
    expect(await cache.read(0, 10)).toEqual(bytes.subarray(0, 10));
  });
});
