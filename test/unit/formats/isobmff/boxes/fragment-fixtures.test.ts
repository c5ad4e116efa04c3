/**
 * The fragment boxes on real files from test/fixtures, checked against ffprobe:
 * `ffprobe -show_streams -count_packets` and `ffprobe -show_packets -show_entries packet=size`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MfroData, TfdtData, TfhdData, TfraData, TfxdData, TrexData, TrunData } from '../../../../../media/formats/isobmff/box-data.js';
import { child, childrenOf } from '../../../../../media/formats/isobmff/box-data.js';
import type { Node } from '../../../../../media/model/types.js';
import { parseBytes, walk } from './movie-box-kit.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url)));

// ffprobe -show_packets: the first sizes of each stream (same streams in all three files).
const VIDEO_SIZES = [5121, 2468, 1386, 971, 945, 2166, 1216, 986, 936, 2027, 1231, 851, 984, 1764, 1381, 956, 1011, 2018, 1151, 949, 841, 1938, 1268, 993, 876];
const AUDIO_SIZES = [
  280, 278, 175, 164, 212, 223, 154, 136, 225, 203, 189, 205, 191, 157, 194, 162, 207, 170, 208, 193, 196, 179, 216, 188, 147, 187, 208, 191, 177, 209, 161,
  190, 198, 195, 151, 156, 202, 170, 237, 146, 177, 204, 198, 208, 186,
];

const MY_TYPES = new Set(['trex', 'mehd', 'leva', 'mfhd', 'tfhd', 'tfdt', 'trun', 'sidx', 'ssix', 'tfra', 'mfro', 'emsg']);

interface Run { trackId: number; moof: Node; traf: Node; trun: TrunData }

/** Every trun of the file with the track its traf's tfhd names. */
function runs(tree: Node[]): Run[] {
  const out: Run[] = [];
  for (const moof of tree.filter((n) => n.name === 'moof')) {
    for (const traf of childrenOf(moof, 'traf')) {
      const tfhd = child(traf, 'tfhd')!.data as TfhdData;
      for (const trun of childrenOf(traf, 'trun')) out.push({ trackId: tfhd.trackId, moof, traf, trun: trun.data as TrunData });
    }
  }
  return out;
}

function samplesPerTrack(tree: Node[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of runs(tree)) counts.set(r.trackId, (counts.get(r.trackId) ?? 0) + r.trun.sampleCount);
  return counts;
}

function expectNoUnknownFragmentBoxes(tree: Node[]): void {
  for (const n of walk(tree)) {
    if (MY_TYPES.has(n.name)) expect(n.title, n.name).toBeDefined();
    const unknown = n.diagnostics.filter((d) => d.code === 'unknown-box');
    if (MY_TYPES.has(n.name)) expect(unknown, n.name).toEqual([]);
    // No box of this family is left with bytes it could not place, or cut short.
    if (MY_TYPES.has(n.name)) expect(n.diagnostics, `${n.name} at ${n.start}`).toEqual([]);
  }
}

/** Each run's samples lie inside the mdat after its moof (data_offset from the moof, or from base_data_offset). */
function expectRunsInsideMdat(tree: Node[]): void {
  for (const { moof, traf, trun } of runs(tree)) {
    const tfhd = child(traf, 'tfhd')!.data as TfhdData;
    const base = tfhd.baseDataOffset ?? moof.start;
    const first = base + trun.dataOffset!;
    const mdat = tree[tree.indexOf(moof) + 1]!;
    expect(mdat.name).toBe('mdat');
    const bytes = trun.sizes!.reduce((a, b) => a + b, 0);
    expect(first).toBeGreaterThanOrEqual(mdat.start + 8);
    expect(first + bytes).toBeLessThanOrEqual(mdat.end);
  }
}

describe('avc-main-aac-fragmented.mp4 (frag_keyframe+empty_moov+default_base_moof)', async () => {
  const { tree } = await parseBytes(fixture('avc-main-aac-fragmented.mp4'));

  it('reads trex for both tracks', () => {
    const mvex = child(child(tree.find((n) => n.name === 'moov'), 'mvex'), 'trex');
    expect(mvex?.data).toEqual({ trackId: 1, defaultSampleDescriptionIndex: 1, defaultSampleDuration: 0, defaultSampleSize: 0, defaultSampleFlags: 0 } satisfies TrexData);
  });

  it('counts 75 video and 131 audio samples, as ffprobe does', () => {
    expect(samplesPerTrack(tree)).toEqual(new Map([[1, 75], [2, 131]]));
  });

  it('reads tfhd with default-base-is-moof and tfdt from 0', () => {
    const moof = tree.find((n) => n.name === 'moof')!;
    expect(child(moof, 'mfhd')?.data).toEqual({ sequenceNumber: 1 });
    const [video, audio] = childrenOf(moof, 'traf');
    expect(child(video, 'tfhd')?.data).toEqual({
      trackId: 1, flags: 0x020038, defaultSampleDuration: 512, defaultSampleSize: 5121, defaultSampleFlags: 0x01010000, defaultBaseIsMoof: true, durationIsEmpty: false,
    } satisfies TfhdData);
    expect(child(video, 'tfdt')?.data).toEqual({ baseMediaDecodeTime: 0 } satisfies TfdtData);
    expect((child(audio, 'tfhd')?.data as TfhdData).trackId).toBe(2);
  });

  it('first truns hold the sizes ffprobe reports, and the key frame is flagged sync', () => {
    const all = runs(tree);
    const video = all.find((r) => r.trackId === 1)!.trun;
    const audio = all.find((r) => r.trackId === 2)!.trun;
    expect(video.sampleCount).toBe(25);
    expect([...video.sizes!]).toEqual(VIDEO_SIZES);
    expect(video.firstSampleFlags).toBe(0x02000000);
    expect(audio.sampleCount).toBe(41);
    expect([...audio.sizes!]).toEqual(AUDIO_SIZES.slice(0, 41));
  });

  it('places every run inside its mdat and leaves no fragment box unknown or flagged', () => {
    expectRunsInsideMdat(tree);
    expectNoUnknownFragmentBoxes(tree);
  });
});

describe('smooth.ismv (PIFF tfxd, mfra)', async () => {
  const { tree } = await parseBytes(fixture('smooth.ismv'));

  it('counts 75 video and 131 audio samples, as ffprobe does', () => {
    expect(samplesPerTrack(tree)).toEqual(new Map([[1, 75], [2, 131]]));
  });

  it('first truns (version 1) hold the sizes ffprobe reports', () => {
    const all = runs(tree);
    expect([...all.find((r) => r.trackId === 1)!.trun.sizes!]).toEqual(VIDEO_SIZES);
    expect([...all.find((r) => r.trackId === 2)!.trun.sizes!]).toEqual(AUDIO_SIZES.slice(0, 41));
  });

  it('reads tfxd times: audio starts at -232200 (written as 2^64 - 232200) and each fragment follows the last', () => {
    const byTrack = new Map<number, TfxdData[]>();
    for (const { trackId, traf } of runs(tree)) {
      const tfxd = traf.children.find((c) => c.name === 'uuid')!;
      expect(tfxd.title).toBe('Smooth Streaming Fragment Time Box (tfxd)');
      byTrack.set(trackId, [...(byTrack.get(trackId) ?? []), tfxd.data as TfxdData]);
    }
    const video = byTrack.get(1)!;
    const audio = byTrack.get(2)!;
    expect(video[0]).toEqual({ absoluteTime: 0, duration: 10000000 });
    expect(audio[0]).toEqual({ absoluteTime: -232200, duration: 9520182 });
    for (const times of [video, audio]) {
      for (let i = 1; i < times.length; i++) expect(times[i]!.absoluteTime).toBe(times[i - 1]!.absoluteTime + times[i - 1]!.duration);
    }
  });

  it('video tfxd durations equal the sum of the trun sample durations', () => {
    for (const { trackId, traf, trun } of runs(tree)) {
      if (trackId !== 1) continue;
      const tfxd = traf.children.find((c) => c.name === 'uuid')!.data as TfxdData;
      expect(trun.durations!.reduce((a, b) => a + b, 0)).toBe(tfxd.duration);
    }
  });

  it('reads mfra: tfra entries point at moofs, mfro gives the mfra size', () => {
    const mfra = tree.find((n) => n.name === 'mfra')!;
    const moofStarts = new Set(tree.filter((n) => n.name === 'moof').map((n) => n.start));
    const tfras = childrenOf(mfra, 'tfra').map((n) => n.data as TfraData);
    expect(tfras.map((t) => t.trackId)).toEqual([1, 2]);
    for (const t of tfras) {
      expect(t.times.length).toBe(3);
      for (const offset of t.moofOffsets) expect(moofStarts.has(offset)).toBe(true);
      expect([...t.sampleNumbers]).toEqual([1, 1, 1]);
    }
    expect(tfras[0]!.times[1]).toBe(10000000);
    expect((child(mfra, 'mfro')!.data as MfroData).size).toBe(mfra.end - mfra.start);
  });

  it('places every run inside its mdat and leaves no fragment box unknown or flagged', () => {
    expectRunsInsideMdat(tree);
    expectNoUnknownFragmentBoxes(tree);
  });
});

describe('smooth-audio.isma', async () => {
  const { tree } = await parseBytes(fixture('smooth-audio.isma'));

  it('counts 131 audio samples in one run, with the sizes ffprobe reports', () => {
    expect(samplesPerTrack(tree)).toEqual(new Map([[1, 131]]));
    const trun = runs(tree)[0]!.trun;
    expect([...trun.sizes!.subarray(0, AUDIO_SIZES.length)]).toEqual(AUDIO_SIZES);
  });

  it('reads the wrapped tfxd, tfra and mfro', () => {
    const tfxd = runs(tree)[0]!.traf.children.find((c) => c.name === 'uuid')!;
    expect((tfxd.data as TfxdData).absoluteTime).toBe(-232200);
    const mfra = tree.find((n) => n.name === 'mfra')!;
    expect([...(child(mfra, 'tfra')!.data as TfraData).moofOffsets]).toEqual([tree.find((n) => n.name === 'moof')!.start]);
    expect((child(mfra, 'mfro')!.data as MfroData).size).toBe(67);
    expectRunsInsideMdat(tree);
    expectNoUnknownFragmentBoxes(tree);
  });
});
