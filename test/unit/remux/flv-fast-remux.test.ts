/**
 * The FLV fast road driven as the CLI drives it: small chunks read into a few reused buffers, a buffer
 * read into again only once FlvFastRemux.holds says no waiting sample views it. The output must be the
 * same bytes as the road that reads every chunk into fresh memory.
 */
import { describe, expect, it } from 'vitest';
import { FlvFastRemux, flvTagBytes, flvTagsStart, remuxFlvFast } from '../../../media/remux/flv-fast-remux.js';
import type { Mp4Segment } from '../../../media/remux/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

function join(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Segment bytes copied as they come (as SegmentFiles does), so later reuse of a buffer cannot change them. */
async function reference(file: Uint8Array): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  await remuxFlvFast(new MemorySource(file), (s: Mp4Segment) => void out.push(s.data.slice()), { index: true });
  return join(out);
}

function pooled(file: Uint8Array, chunkBytes: number): { bytes: Uint8Array; buffers: number; reads: number } {
  const out: Uint8Array[] = [];
  const head = file.subarray(0, 13);
  const remux = new FlvFastRemux(head, (s) => out.push(s.data.slice()), { index: true });
  const pool: Uint8Array[] = [];
  let at = flvTagsStart(head).start;
  let want = chunkBytes;
  let reads = 0;
  while (at < file.length) {
    const n = Math.min(want, file.length - at);
    let buffer = n <= chunkBytes ? pool.find((b) => !remux.holds(b.buffer)) : new Uint8Array(n);
    if (!buffer) pool.push((buffer = new Uint8Array(chunkBytes)));
    buffer.fill(0xee); // what a held buffer would show if it were reused too early
    buffer.set(file.subarray(at, at + n));
    reads++;
    const used = remux.walk(buffer.subarray(0, n));
    at += used;
    if (used > 0) {
      want = chunkBytes;
      continue;
    }
    if (at + n >= file.length) break;
    want = Math.max(chunkBytes, flvTagBytes(buffer.subarray(0, n)) ?? chunkBytes);
  }
  remux.finish();
  return { bytes: join(out), buffers: pool.length, reads };
}

describe('FlvFastRemux with reused read buffers', () => {
  for (const name of ['avc-aac.flv', 'avc-high-bframes.flv']) {
    it(`writes ${name} byte for byte as with fresh buffers`, async () => {
      const file = fixtureBytes(name);
      const want = await reference(file);
      const got = pooled(file, 16 << 10);
      expect(got.bytes.length).toBe(want.length);
      expect(Buffer.from(got.bytes).equals(Buffer.from(want))).toBe(true); // (toEqual is slow on 200 KB)
      // Buffers were reused: far fewer than reads, more than one (samples wait across chunks).
      expect(got.buffers).toBeGreaterThan(1);
      expect(got.buffers).toBeLessThan(got.reads);
    });
  }

  it('holds a buffer while a sample of it waits for its fragment, and lets it go once written', () => {
    const file = fixtureBytes('avc-aac.flv');
    const head = file.subarray(0, 13);
    const remux = new FlvFastRemux(head, () => {}, { index: true });
    const chunk = file.slice(flvTagsStart(head).start);
    remux.walk(chunk);
    // The last samples wait for their successors (or the end) to know their durations.
    expect(remux.holds(chunk.buffer)).toBe(true);
    expect(remux.holds(new ArrayBuffer(8))).toBe(false);
    remux.finish();
    expect(remux.holds(chunk.buffer)).toBe(false);
  });
});
