/**
 * A top-level box declaring more than Bitlens loads whole (256 MiB) stays a byte range: later readers
 * (format name, tracks, samples) find no decoded data on it, and the rest of the document still opens.
 */
import { describe, expect, it } from 'vitest';
import { openIsoBmff } from '../../../../media/formats/isobmff/iso-bmff-format.js';
import { BULK } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';
import { isoBoxes } from '../../../helpers/mutations.js';

/** avc-baseline-aac.mp4 with the size of its top-level box `type` set to `size`. */
function withTopLevelSize(type: string, size: number): Uint8Array {
  const bytes = fixtureBytes('avc-baseline-aac.mp4');
  const box = isoBoxes(bytes).find((b) => b.type === type)!;
  new DataView(bytes.buffer).setUint32(box.at, size);
  return bytes;
}

describe('top-level boxes too large to load', () => {
  // 1: a 64-bit size follows, here the brand bytes read as one: far beyond 256 MiB.
  for (const size of [0x10000020, 0xffffffff, 1]) {
    it(`an ftyp of size 0x${size.toString(16)} is a byte range with no brands read from it`, async () => {
      const doc = await openIsoBmff(new MemorySource(withTopLevelSize('ftyp', size)), BULK);
      expect(doc.tree[0]).toMatchObject({ name: 'ftyp', start: 0 });
      expect(doc.tree[0]!.data).toBeUndefined();
      expect(doc.format).toBe('mp4');
      expect(doc.tree[0]!.diagnostics.map((d) => d.code)).toContain('box-not-loaded');
    });
  }

  it('a moov declared beyond 256 MiB leaves no tracks, and says why', async () => {
    const doc = await openIsoBmff(new MemorySource(withTopLevelSize('moov', 0x10000020)), BULK);
    const moov = doc.tree.find((n) => n.name === 'moov')!;
    expect(moov.data).toBeUndefined();
    expect(moov.diagnostics.map((d) => d.code)).toContain('box-not-loaded');
    expect(doc.tracks).toEqual([]);
    expect(doc.packets.count).toBe(0);
  });

  it('an mdat, meant to stay on disk, keeps its payload range', async () => {
    const doc = await openIsoBmff(new MemorySource(withTopLevelSize('mdat', 0x10000020)), BULK);
    const mdat = doc.tree.find((n) => n.name === 'mdat')!;
    expect(mdat.data).toMatchObject({ payloadStart: mdat.start + 8 });
  });
});
