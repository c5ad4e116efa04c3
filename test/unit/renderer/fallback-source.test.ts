// The worker's reader of a range address: it keeps reading there while that works, and goes through the
// window for good after the first failure, retrying the failed read there.
import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../../media/source/memory-source.js';
import { FallbackSource } from '../../../renderer/src/lib/sources/fallback-source.js';

const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** A source that answers `good` reads, then fails every later one. */
function failingAfter(good: number) {
  const inner = new MemorySource(bytes);
  let reads = 0;
  return {
    size: bytes.length,
    reads: () => reads,
    read(offset: number, length: number): Promise<Uint8Array> {
      reads++;
      return reads > good ? Promise.reject(new TypeError('Failed to fetch')) : inner.read(offset, length);
    },
  };
}

describe('FallbackSource', () => {
  it('reads from the primary source while it works, without making the fallback', async () => {
    const primary = failingAfter(Infinity);
    let made = 0;
    const source = new FallbackSource(primary, () => (made++, new MemorySource(bytes)));
    expect([...(await source.read(10, 4))]).toEqual([10, 11, 12, 13]);
    expect([primary.reads(), made, source.fellBack]).toEqual([1, 0, false]);
  });

  it('retries a failed read on the fallback and stays there', async () => {
    const primary = failingAfter(1);
    const fallback = failingAfter(Infinity);
    let made = 0;
    const source = new FallbackSource(primary, () => (made++, fallback));
    await source.read(0, 4);
    expect([...(await source.read(100, 3))]).toEqual([100, 101, 102]);
    expect([...(await source.read(200, 2))]).toEqual([200, 201]);
    expect([primary.reads(), fallback.reads(), made, source.fellBack]).toEqual([2, 2, 1, true]);
  });

  it('makes one fallback for reads failing together, and lets a failure of the fallback through', async () => {
    let made = 0;
    const source = new FallbackSource(failingAfter(0), () => (made++, failingAfter(2)));
    const both = await Promise.all([source.read(0, 1), source.read(1, 1)]);
    expect(both.map((b) => b[0])).toEqual([0, 1]);
    expect(made).toBe(1);
    await expect(source.read(2, 1)).rejects.toThrow('Failed to fetch');
  });
});
