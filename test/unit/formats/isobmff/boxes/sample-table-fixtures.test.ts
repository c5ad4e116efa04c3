import { describe, expect, it } from 'vitest';
import { type CttsData, type HdlrData, type MdhdData, type StssData, type StszData, type SttsData, child, childrenOf, dataOf, path } from '../../../../../media/formats/isobmff/box-data.js';
import { parseIsoBmff } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import { BULK, type Node } from '../../../../../media/model/types.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';
import { ffprobe, packetsOfStream } from '../../../../helpers/ffprobe.js';
import { fixture, fixtureBytes } from '../../../../helpers/fixtures.js';
import { find, walk } from './movie-box-kit.js';

const FILES = ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'hevc.mp4', 'smooth.ismv', 'smooth-audio.isma'];

/** The box types this family decodes. */
const MINE = new Set([
  'mvhd', 'tkhd', 'elst', 'mdhd', 'hdlr', 'vmhd', 'smhd', 'hmhd', 'nmhd', 'sthd', 'dref', 'url ', 'urn ', 'alis',
  'stts', 'ctts', 'stss', 'sdtp', 'stsc', 'stsz', 'stz2', 'stco', 'co64', 'sgpd', 'sbgp', 'saio', 'saiz',
  'meta', 'ilst', 'keys', 'data',
]);

async function parseFixture(name: string, bulk = false): Promise<Node[]> {
  const { tree } = await parseIsoBmff(new MemorySource(fixtureBytes(name)), bulk ? BULK : undefined);
  return tree;
}

function traks(tree: Node[]): Node[] {
  return childrenOf(find(tree, 'moov'), 'trak');
}

/** Expands run-length stts/ctts into one value per sample. */
function expand(counts: Uint32Array, values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) for (let k = 0; k < counts[i]!; k++) out.push(values[i]!);
  return out;
}

describe('movie and sample-table boxes in the corpus', () => {
  it.each(FILES)('%s: every box of this family is decoded, with no diagnostics', async (name) => {
    const tree = await parseFixture(name);
    const seen = [...walk(tree)].filter((n) => MINE.has(n.name));
    expect(seen.length).toBeGreaterThan(10);
    for (const n of seen) expect({ box: n.name, diagnostics: n.diagnostics }).toEqual({ box: n.name, diagnostics: [] });
    // the ©too item of ffmpeg's udta/meta/ilst is read as an item, not an unknown box
    for (const n of walk(tree)) expect(n.diagnostics.filter((d) => d.code === 'unknown-box' && MINE.has(n.name))).toEqual([]);
  });

  it.each(FILES)('%s: mdhd timescales and hdlr types agree with ffprobe', async (name) => {
    const tree = await parseFixture(name);
    // One packet is enough: only the streams are compared here.
    const streams = ffprobe(fixture(name), ['-read_intervals', '%+#1']).streams;
    const tracks = traks(tree);
    expect(tracks).toHaveLength(streams.length);
    tracks.forEach((trak, i) => {
      const stream = streams[i]!;
      const mdhd = dataOf<MdhdData>(path(trak, 'mdia', 'mdhd'))!;
      expect(`1/${mdhd.timescale}`).toBe(stream.time_base);
      expect(mdhd.language).toBe('und');
      const hdlr = dataOf<HdlrData>(path(trak, 'mdia', 'hdlr'))!;
      expect(hdlr.handlerType).toBe(stream.codec_type === 'video' ? 'vide' : 'soun');
    });
  });

  it('avc-baseline-aac.mp4: stsz, stts and stss match the packets', async () => {
    const tree = await parseFixture('avc-baseline-aac.mp4');
    const probe = ffprobe(fixture('avc-baseline-aac.mp4'));
    const [video, audio] = traks(tree);
    const vsz = dataOf<StszData>(path(video, 'mdia', 'minf', 'stbl', 'stsz'))!;
    expect(vsz.count).toBe(50);
    expect(vsz.sizes).toHaveLength(50);
    expect([...vsz.sizes!]).toEqual(packetsOfStream(probe, 0).map((p) => Number(p.size)));
    const asz = dataOf<StszData>(path(audio, 'mdia', 'minf', 'stbl', 'stsz'))!;
    expect([...asz.sizes!]).toEqual(packetsOfStream(probe, 1).map((p) => Number(p.size)));
    const stts = dataOf<SttsData>(path(video, 'mdia', 'minf', 'stbl', 'stts'))!;
    expect(expand(stts.counts, stts.deltas)).toEqual(packetsOfStream(probe, 0).map((p) => p.duration));
    const keyframes = packetsOfStream(probe, 0).flatMap((p, i) => (p.flags.startsWith('K') ? [i + 1] : []));
    expect([...dataOf<StssData>(path(video, 'mdia', 'minf', 'stbl', 'stss'))!.samples]).toEqual(keyframes);
  });

  it('avc-high-bframes-faststart.mp4: ctts gives each packet its pts - dts', async () => {
    const tree = await parseFixture('avc-high-bframes-faststart.mp4');
    const packets = packetsOfStream(ffprobe(fixture('avc-high-bframes-faststart.mp4')), 0);
    const stbl = path(traks(tree)[0], 'mdia', 'minf', 'stbl');
    const ctts = dataOf<CttsData>(child(stbl, 'ctts'))!;
    expect(expand(ctts.counts, ctts.offsets)).toEqual(packets.map((p) => p.pts! - p.dts!));
  });

  it('hevc.mp4: sdtp has one entry per sample', async () => {
    const tree = await parseFixture('hevc.mp4');
    const sdtp = find(tree, 'sdtp')!;
    expect(sdtp.fields.find((x) => x.name === 'entries')?.value).toBe(50);
  });

  it('bulk parsing keeps the same tables as annotating', async () => {
    const annotated = traks(await parseFixture('avc-high-bframes-faststart.mp4'));
    const bulk = traks(await parseFixture('avc-high-bframes-faststart.mp4', true));
    for (const type of ['stsz', 'stts', 'stsc', 'stco', 'ctts']) {
      expect(path(bulk[0], 'mdia', 'minf', 'stbl', type)?.data).toEqual(path(annotated[0], 'mdia', 'minf', 'stbl', type)?.data);
    }
    expect(path(bulk[0], 'mdia', 'minf', 'stbl', 'stsz')!.fields).toEqual([]);
  });
});
