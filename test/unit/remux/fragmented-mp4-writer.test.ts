import { describe, expect, it } from 'vitest';
import { type IsoBmffDocument, openIsoBmff } from '../../../media/formats/isobmff/iso-bmff-format.js';
import { type ElstData, type EsdsData, type MfroData, type TfdtData, type TfhdData, type TfraData, type TrexData, type TrunData, child, childrenOf, dataOf, path } from '../../../media/formats/isobmff/box-data.js';
import type { SampleDescription } from '../../../media/model/document-model.js';
import { BULK } from '../../../media/model/types.js';
import { FragmentedMp4Writer, type WriterOptions } from '../../../media/remux/fragmented-mp4-writer.js';
import type { Mp4Segment, RemuxSample, RemuxTrack } from '../../../media/remux/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { concatBytes } from '../../../media/bits/concat-bytes.js';

/** A Constrained Baseline avcC with a one-byte SPS stand-in and PPS (the writer copies it untouched). */
const AVCC = new Uint8Array([
  0x01, // configurationVersion
  0x42, 0xc0, 0x0d, // AVCProfileIndication 66, profile_compatibility, AVCLevelIndication 13
  0xff, // reserved, lengthSizeMinusOne = 3
  0xe1, // reserved, numOfSequenceParameterSets = 1
  0x00, 0x04, 0x67, 0x42, 0xc0, 0x0d, // SPS length 4, SPS
  0x01, // numOfPictureParameterSets
  0x00, 0x02, 0x68, 0xce, // PPS length 2, PPS
]);
/** AAC LC, 44.1 kHz (index 4), mono: 00010 0100 0001 000. */
const ASC = new Uint8Array([0x12, 0x08]);
/** AAC LC, 48 kHz (index 3), mono: a new configuration mid-stream. */
const ASC_48K = new Uint8Array([0x11, 0x88]);

const video: SampleDescription = { format: 'avc1', codec: 'avc1.42C00D', config: AVCC, width: 320, height: 240, nalLengthSize: 4 };
const audio: SampleDescription = { format: 'mp4a', codec: 'mp4a.40.2', config: ASC, sampleRate: 44100, channels: 1 };
const audio48: SampleDescription = { format: 'mp4a', codec: 'mp4a.40.2', config: ASC_48K, sampleRate: 48000, channels: 1 };

function payload(n: number, fill: number): Uint8Array {
  return new Uint8Array(n).fill(fill);
}

function sample(track: number, dts: number, pts: number, keyframe: boolean, data: Uint8Array, description = 0): RemuxSample {
  return { track, dts, pts, duration: 0, keyframe, description, data };
}

function concat(segments: Mp4Segment[]): Uint8Array {
  return concatBytes(...segments.map((s) => s.data));
}

async function parse(bytes: Uint8Array): Promise<IsoBmffDocument> {
  return openIsoBmff(new MemorySource(bytes), BULK);
}

describe('FragmentedMp4Writer', () => {
  // Millisecond timescale as FLV has it; B-frames give a negative composition offset.
  const tracks: RemuxTrack[] = [
    { id: 1, kind: 'video', timescale: 1000, descriptions: [video] },
    { id: 2, kind: 'audio', timescale: 44100, descriptions: [audio] },
  ];

  it('writes an init segment that our own reader parses: ftyp, tracks, sample entries, trex', async () => {
    const w = new FragmentedMp4Writer(tracks);
    const doc = await parse(w.init());
    const ftyp = doc.tree[0]!;
    expect(ftyp.name).toBe('ftyp');
    expect(dataOf<{ majorBrand: string; compatibleBrands: string[] }>(ftyp)).toEqual({ majorBrand: 'iso6', compatibleBrands: ['iso6', 'isom', 'mp41'] });
    expect(doc.tracks.map((t) => [t.id, t.kind, t.codec, t.timescale])).toEqual([
      [1, 'video', 'avc1.42C00D', 1000],
      [2, 'audio', 'mp4a.40.2', 44100],
    ]);
    expect(doc.tracks[0]).toMatchObject({ width: 320, height: 240 });
    expect(doc.tracks[1]).toMatchObject({ sampleRate: 44100, channels: 1 });
    // The configuration records are the bytes we were given.
    const moov = doc.tree.find((n) => n.name === 'moov')!;
    const [vtrak, atrak] = childrenOf(moov, 'trak');
    const avcC = child(path(vtrak, 'mdia', 'minf', 'stbl', 'stsd')?.children[0], 'avcC')!;
    expect(dataOf<{ raw: Uint8Array }>(avcC)!.raw).toEqual(AVCC);
    const esds = dataOf<EsdsData>(child(path(atrak, 'mdia', 'minf', 'stbl', 'stsd')?.children[0], 'esds'))!;
    expect(esds.objectTypeIndication).toBe(0x40);
    expect(esds.audioConfig?.raw).toEqual(ASC);
    const trex = childrenOf(child(moov, 'mvex'), 'trex').map((n) => dataOf<TrexData>(n)!.trackId);
    expect(trex).toEqual([1, 2]);
    expect(w.mimeType()).toBe('video/mp4; codecs="avc1.42C00D,mp4a.40.2"');
  });

  it('cuts at video keyframes, keeps exact times, signed composition offsets and payloads', async () => {
    const w = new FragmentedMp4Writer(tracks, { fragmentDuration: 0, index: true });
    const segments: Mp4Segment[] = [];
    const init = w.init();
    // Decode order I P B B | I P, presentation 80, 200, 120, 160 | 280, 240 ms.
    const v = [
      sample(0, 0, 80, true, payload(10, 1)),
      sample(0, 40, 200, false, payload(11, 2)),
      sample(0, 80, 120, false, payload(12, 3)),
      sample(0, 120, 160, false, payload(13, 4)),
      sample(0, 160, 280, true, payload(14, 5)),
      sample(0, 200, 240, false, payload(15, 6)),
    ];
    const a = [0, 1024, 2048, 3072, 4096, 5120, 6144, 7168].map((t, i) => sample(1, t, t, true, payload(6, 0x10 + i)));
    // Interleaved roughly by time, as a file would have them.
    const order = [v[0], a[0], a[1], v[1], a[2], v[2], a[3], v[3], a[4], a[5], v[4], a[6], v[5], a[7]];
    for (const s of order) segments.push(...w.push(s!));
    segments.push(...w.flush());
    const media = segments.filter((s) => s.type === 'media');
    expect(media).toHaveLength(2);
    const file = concat([{ type: 'init', generation: 0, data: init, mimeType: '' }, ...segments]);
    const doc = await parse(file);

    // Our reader sees every sample with the times we gave.
    const p = doc.packets;
    const got = (track: number): Array<[number, number, number, boolean]> => {
      const out: Array<[number, number, number, boolean]> = [];
      for (let i = 0; i < p.count; i++) if (p.track[i] === track) out.push([p.dts[i]!, p.pts[i]!, p.size[i]!, p.keyframe[i] === 1]);
      return out;
    };
    expect(got(0)).toEqual(v.map((s) => [s.dts, s.pts, s.data.length, s.keyframe]));
    expect(got(1)).toEqual(a.map((s) => [s.dts, s.pts, 6, true]));
    // Payloads lie where the trun data offsets say.
    for (let i = 0; i < p.count; i++) {
      const bytes = file.subarray(p.offset[i]!, p.offset[i]! + p.size[i]!);
      expect(bytes.every((b) => b === bytes[0])).toBe(true);
    }

    // Box fields, checked by hand.
    const moofs = doc.tree.filter((n) => n.name === 'moof');
    const [vtraf, atraf] = childrenOf(moofs[0], 'traf');
    expect(dataOf<TfhdData>(child(vtraf, 'tfhd'))).toMatchObject({ trackId: 1, defaultBaseIsMoof: true });
    expect(dataOf<TfdtData>(child(vtraf, 'tfdt'))!.baseMediaDecodeTime).toBe(0);
    const trun = dataOf<TrunData>(child(vtraf, 'trun'))!;
    expect(trun.sampleCount).toBe(4);
    expect([...trun.durations!]).toEqual([40, 40, 40, 40]);
    expect([...trun.compositionOffsets!]).toEqual([80, 160, 40, 40]);
    expect([...trun.sampleFlags!]).toEqual([0x02000000, 0x01010000, 0x01010000, 0x01010000]);
    expect(file[child(vtraf, 'trun')!.start + 8]).toBe(1); // trun version 1: signed offsets
    expect(file[child(vtraf, 'tfdt')!.start + 8]).toBe(1); // tfdt version 1: 64-bit time
    // Audio: the last audio sample before the cut waits for its successor (its duration is not known yet).
    const atrun = dataOf<TrunData>(child(atraf, 'trun'))!;
    expect(atrun.sampleCount).toBe(5);
    expect(dataOf<TfhdData>(child(atraf, 'tfhd'))).toMatchObject({ defaultSampleFlags: 0x02000000 });
    const [vtraf2, atraf2] = childrenOf(moofs[1], 'traf');
    expect(dataOf<TfdtData>(child(vtraf2, 'tfdt'))!.baseMediaDecodeTime).toBe(160);
    expect(dataOf<TfdtData>(child(atraf2, 'tfdt'))!.baseMediaDecodeTime).toBe(5120);
    // The last samples take the previous duration.
    expect([...dataOf<TrunData>(child(vtraf2, 'trun'))!.durations!]).toEqual([40, 40]);
    expect([...dataOf<TrunData>(child(atraf2, 'trun'))!.durations!]).toEqual([1024, 1024, 1024]);

    // mfra: one entry per fragment and track, at the moof offsets; mfro holds the mfra size.
    const mfra = doc.tree.find((n) => n.name === 'mfra')!;
    const [tfraV, tfraA] = childrenOf(mfra, 'tfra').map((n) => dataOf<TfraData>(n)!);
    expect(tfraV!.trackId).toBe(1);
    expect([...tfraV!.times]).toEqual([80, 280]);
    expect([...tfraV!.moofOffsets]).toEqual(moofs.map((m) => m.start));
    expect([...tfraA!.times]).toEqual([0, 5120]);
    expect([...tfraA!.trafNumbers]).toEqual([2, 2]);
    expect(dataOf<MfroData>(child(mfra, 'mfro'))!.size).toBe(mfra.end - mfra.start);
  });

  it('shifts negative decode times to 0 and keeps the shift in an edit list', async () => {
    const shifted: RemuxTrack[] = [{ id: 1, kind: 'audio', timescale: 10_000_000, descriptions: [audio], shift: 232200 }];
    const w = new FragmentedMp4Writer(shifted);
    const init = w.init();
    const segments = [sample(0, -232200, -232200, true, payload(4, 1)), sample(0, 0, 0, true, payload(4, 2))].flatMap((s) => w.push(s));
    segments.push(...w.flush());
    const doc = await parse(concat([{ type: 'init', generation: 0, data: init, mimeType: '' }, ...segments]));
    expect([...doc.packets.dts]).toEqual([0, 232200]);
    const elst = dataOf<ElstData>(path(doc.tree.find((n) => n.name === 'moov'), 'trak', 'edts', 'elst'))!;
    expect(elst.entries).toEqual([{ segmentDuration: 0, mediaTime: 232200, mediaRate: 1 }]);
    expect(doc.tracks[0]!.editShift).toBe(232200);
  });

  it('starts a new init segment where a sample names a new description', async () => {
    const two: RemuxTrack[] = [{ id: 1, kind: 'audio', timescale: 1000, descriptions: [audio, audio48] }];
    const w = new FragmentedMp4Writer(two, { index: true });
    const first = w.init();
    const out = [0, 23, 46].map((t) => w.push(sample(0, t, t, true, payload(3, t)))).flat();
    out.push(...w.push(sample(0, 69, 69, true, payload(3, 9), 1)));
    out.push(...w.push(sample(0, 90, 90, true, payload(3, 10), 1)));
    out.push(...w.flush());
    expect(out.map((s) => `${s.type}:${s.generation}`)).toEqual(['media:0', 'index:0', 'init:1', 'media:1', 'index:1']);
    const gen0 = await parse(concat([{ type: 'init', generation: 0, data: first, mimeType: '' }, ...out.filter((s) => s.generation === 0)]));
    expect(gen0.tracks[0]).toMatchObject({ sampleRate: 44100, samples: 3 });
    // The last sample of the old configuration lasts until the first of the new one.
    expect([...gen0.isoTracks[0]!.samples.duration]).toEqual([23, 23, 23]);
    const gen1 = await parse(concat(out.filter((s) => s.generation === 1)));
    expect(gen1.tracks[0]).toMatchObject({ sampleRate: 48000, samples: 2 });
    expect([...gen1.packets.dts]).toEqual([69, 90]);
  });

  it('refuses what it cannot write', () => {
    expect(() => new FragmentedMp4Writer([])).toThrow(RangeError);
    expect(() => new FragmentedMp4Writer([{ id: 1, kind: 'audio', timescale: 0, descriptions: [audio] }])).toThrow(/timescale/);
    const w = new FragmentedMp4Writer([{ id: 1, kind: 'audio', timescale: 1000, descriptions: [{ ...audio, format: 'Opus' }] }]);
    expect(() => w.init()).toThrow(/Opus/);
  });
});

// Milliseconds for both, as FLV has them.
const msTracks: RemuxTrack[] = [
  { id: 1, kind: 'video', timescale: 1000, descriptions: [video] },
  { id: 2, kind: 'audio', timescale: 1000, descriptions: [audio] },
];
const LIMITS: WriterOptions = { index: true, fragmentDuration: 1, maxFragmentDuration: 2, maxFragmentBytes: 8 * 1024 * 1024 };

const frame = (track: number, ms: number, keyframe: boolean, size: number): RemuxSample => sample(track, ms, ms, keyframe, payload(size, ms & 0xff));

/** Pushes the samples; returns the parsed file, the fragments, the most the writer held at once, and each fragment's video sample flags. */
async function writeAll(samples: RemuxSample[], options: WriterOptions) {
  const w = new FragmentedMp4Writer(msTracks, options);
  const out: Mp4Segment[] = [];
  const init = w.init();
  let held = { bytes: 0, seconds: 0 };
  for (const s of samples) {
    out.push(...w.push(s));
    const p = w.pending();
    held = { bytes: Math.max(held.bytes, p.bytes), seconds: Math.max(held.seconds, p.seconds) };
  }
  out.push(...w.flush());
  const doc = await parse(concatBytes(init, ...out.map((s) => s.data)));
  const videoFlags = doc.tree.filter((n) => n.name === 'moof').map((m) => {
    const traf = childrenOf(m, 'traf').find((t) => dataOf<TfhdData>(child(t, 'tfhd'))!.trackId === 1);
    // No per-sample flags: every sample is sync (tfhd's default flags say so).
    return traf ? [...(dataOf<TrunData>(child(traf, 'trun'))!.sampleFlags ?? [])] : [];
  });
  return { doc, media: out.filter((s) => s.type === 'media'), held, videoFlags };
}

describe('fragment limits', () => {
  it('a GOP longer than the limit is cut every 2 s; a cut fragment starts flagged non-sync; the next keyframe starts its own', async () => {
    // 25 fps: a keyframe at 0 and at 5.2 s; AAC frames every 23 ms beside it.
    const samples: RemuxSample[] = [];
    for (let ms = 0, a = 0; ms < 8000; ms += 40) {
      for (; a <= ms; a += 23) samples.push(frame(1, a, true, 10));
      samples.push(frame(0, ms, ms === 0 || ms === 5200, 100));
    }
    const { doc, media, held, videoFlags } = await writeAll(samples, LIMITS);
    expect(held.seconds).toBeLessThanOrEqual(2.05);
    // Cut at 2 s, 4 s, at the keyframe (5.2 s), at 7.2 s; the rest at flush.
    expect(media.map((m) => m.type === 'media' && m.runs[0]!.baseDecodeTime)).toEqual([0, 2000, 4000, 5200, 7200]);
    const SYNC = 0x02000000;
    const NON_SYNC = 0x01010000; // sample_depends_on = 1, sample_is_non_sync_sample = 1
    expect(videoFlags.map((f) => f[0])).toEqual([SYNC, NON_SYNC, NON_SYNC, SYNC, NON_SYNC]);
    expect(videoFlags.flat().filter((f) => f === SYNC)).toHaveLength(2);
    // Every sample is there once, in order.
    expect(doc.packets.count).toBe(samples.length);
    // The index lists the two keyframes only.
    const mfra = doc.tree.find((n) => n.name === 'mfra')!;
    expect([...dataOf<TfraData>(childrenOf(mfra, 'tfra')[0]!)!.times]).toEqual([0, 5200]);
  });

  it('a fragment stops short of maxFragmentBytes, keyframe or not', async () => {
    const samples = Array.from({ length: 20 }, (_, i) => frame(0, i * 40, i === 0, 100_000));
    const { media, held } = await writeAll(samples, { ...LIMITS, maxFragmentBytes: 350_000 });
    expect(held.bytes).toBeLessThanOrEqual(350_000);
    expect(media.map((m) => m.type === 'media' && m.runs[0]!.count)).toEqual([3, 3, 3, 3, 3, 3, 2]);
  });

  it('audio goes on while video stops: cut on the audio alone once the video is idle', async () => {
    const samples = [frame(0, 0, true, 100), frame(0, 40, false, 100)];
    for (let a = 0; a < 9000; a += 23) samples.push(frame(1, a, true, 10));
    const { media, held } = await writeAll(samples, LIMITS);
    expect(held.seconds).toBeLessThanOrEqual(2);
    expect(media.length).toBeGreaterThanOrEqual(4);
  });

  it('without limits, a stream with one keyframe stays in one fragment (the player and remux keep their cuts)', async () => {
    const samples = Array.from({ length: 100 }, (_, i) => frame(0, i * 40, i === 0, 10));
    const { media } = await writeAll(samples, { fragmentDuration: 1 });
    expect(media).toHaveLength(1);
  });
});
