import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../media/formats/index.js';
import { ANNOTATE } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixtureBytes } from '../helpers/fixtures.js';

const CORPUS = ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma', 'hevc.mp4', 'avc-aac.flv', 'avc-high-bframes.flv', 'aac-lc.adts.aac', 'annexb.h264', 'segment.ts'];

/** Offsets to cut at: every one of the first 600 bytes and of the last 600, and a stride through the rest. */
function cutPoints(size: number): number[] {
  const cuts = new Set<number>();
  for (let i = 0; i < Math.min(600, size); i++) cuts.add(i);
  for (let i = Math.max(0, size - 600); i < size; i++) cuts.add(i);
  const stride = Math.max(1, Math.floor(size / 400));
  for (let i = 0; i < size; i += stride) cuts.add(i);
  return [...cuts];
}

describe.each(CORPUS)('%s cut short (DESIGN.md item 9)', (name) => {
  it('parses at every cut without throwing, and reports what is missing', async () => {
    const bytes = fixtureBytes(name);
    const format = FORMATS.find((f) => f.probe(bytes.subarray(0, 4096), name));
    if (!format) return expect.soft(format, `no format reads ${name} yet`).toBeDefined();
    for (const cut of cutPoints(bytes.length)) {
      const doc = await format.open(new MemorySource(bytes.subarray(0, cut)), ANNOTATE);
      expect(doc.size).toBe(cut);
    }
  });
});
