import { describe, expect, it } from 'vitest';
import { openIsoBmff } from '../../../../media/formats/isobmff/iso-bmff-format.js';
import { BULK, type Node } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';
import { isoBoxes } from '../../../helpers/mutations.js';

const codes = (nodes: Node[]): string[] => nodes.flatMap((n) => [...n.diagnostics.map((d) => d.code), ...codes(n.children)]);
const open = (bytes: Uint8Array) => openIsoBmff(new MemorySource(bytes), BULK);

describe('where the samples are', () => {
  it('a file cut inside its mdat: the samples past the end are counted, from the first one', async () => {
    const whole = await open(fixtureBytes('avc-high-bframes-faststart.mp4'));
    const size = Math.floor(whole.size * 0.6);
    const doc = await open(fixtureBytes('avc-high-bframes-faststart.mp4').subarray(0, size));
    const p = whole.packets;
    for (const [t, track] of doc.isoTracks.entries()) {
      const past = [...Array(p.count).keys()].filter((i) => p.track[i] === t && p.offset[i]! + p.size[i]! > size);
      const d = track.trak.diagnostics.find((x) => x.code === 'samples-past-end-of-file')!;
      expect(d.message, `track ${track.info.id}`).toMatch(new RegExp(`^${past.length} of the ${track.info.samples} samples of track ${track.info.id} run past the end of the file`));
      expect(d.end).toBe(size);
    }
  });

  it('a chunk offset that points outside every mdat', async () => {
    const bytes = fixtureBytes('avc-high-bframes-faststart.mp4');
    const stco = isoBoxes(bytes).find((b) => b.type === 'stco')!;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(stco.at + 16, 0); // the first chunk's offset: the ftyp
    const doc = await open(bytes);
    expect(codes(doc.tree)).toContain('sample-outside-mdat');
    expect(codes(doc.tree)).not.toContain('samples-past-end-of-file');
  });

  it('a whole file has neither', async () => {
    for (const name of ['avc-baseline-aac.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'quicktime-aac.mov']) {
      const all = codes((await open(fixtureBytes(name))).tree);
      expect(all.filter((c) => c === 'sample-outside-mdat' || c === 'samples-past-end-of-file'), name).toEqual([]);
    }
  });
});

describe('a missing moov', () => {
  it('is named when a recording was cut before its index (moov at the end)', async () => {
    const bytes = fixtureBytes('avc-baseline-aac.mp4');
    const doc = await open(bytes.subarray(0, Buffer.from(bytes).indexOf('moov') - 4));
    expect(doc.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'missing-moov']]);
    expect(doc.diagnostics[0]!.message).toMatch(/cut before its index was written/);
  });

  it('is a warning for a media segment without its init segment', async () => {
    const bytes = fixtureBytes('avc-main-aac-fragmented.mp4');
    const boxes = isoBoxes(bytes);
    const moov = boxes.find((b) => b.type === 'moov')!;
    const segment = Buffer.concat([bytes.subarray(0, moov.at), bytes.subarray(moov.at + moov.size)]);
    const doc = await open(new Uint8Array(segment));
    expect(doc.diagnostics.filter((d) => d.code === 'missing-moov').map((d) => d.severity)).toEqual(['warning']);
  });
});
