import { describe, expect, it } from 'vitest';
import { type TrunData, child, childrenOf, dataOf } from '../../../media/formats/isobmff/box-data.js';
import { openIsoBmff } from '../../../media/formats/isobmff/iso-bmff-format.js';
import type { SampleDescription } from '../../../media/model/document-model.js';
import { BULK } from '../../../media/model/types.js';
import { FragmentedMp4Writer, type WriterOptions } from '../../../media/remux/fragmented-mp4-writer.js';
import type { Mp4Segment, RemuxSample, RemuxTrack } from '../../../media/remux/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { concatBytes } from '../../../media/bits/concat-bytes.js';

/** A Constrained Baseline avcC with a one-byte SPS stand-in and PPS (the writer copies it untouched). */
const AVCC = new Uint8Array([0x01, 0x42, 0xc0, 0x0d, 0xff, 0xe1, 0x00, 0x04, 0x67, 0x42, 0xc0, 0x0d, 0x01, 0x00, 0x02, 0x68, 0xce]);
const video: SampleDescription = { format: 'avc1', codec: 'avc1.42C00D', config: AVCC, width: 320, height: 240, nalLengthSize: 4 };
/** AAC LC, 44.1 kHz, mono. */
const audio: SampleDescription = { format: 'mp4a', codec: 'mp4a.40.2', config: new Uint8Array([0x12, 0x08]), sampleRate: 44100, channels: 1 };
// Milliseconds for both, as FLV has them.
const tracks: RemuxTrack[] = [
  { id: 1, kind: 'video', timescale: 1000, descriptions: [video] },
  { id: 2, kind: 'audio', timescale: 1000, descriptions: [audio] },
];
const LIMITS: WriterOptions = { index: true, fragmentDuration: 1, maxFragmentDuration: 2, maxFragmentBytes: 8 * 1024 * 1024 };

const frame = (track: number, ms: number, keyframe: boolean, size: number): RemuxSample => ({ track, dts: ms, pts: ms, duration: 0, keyframe, description: 0, data: new Uint8Array(size).fill(ms & 0xff) });

/** Pushes the samples; returns the file, the fragments, and the most the writer held at once. */
async function write(samples: RemuxSample[], options: WriterOptions) {
  const w = new FragmentedMp4Writer(tracks, options);
  const out: Mp4Segment[] = [];
  const init = w.init();
  let held = { bytes: 0, seconds: 0 };
  for (const s of samples) {
    out.push(...w.push(s));
    const p = w.pending();
    held = { bytes: Math.max(held.bytes, p.bytes), seconds: Math.max(held.seconds, p.seconds) };
  }
  out.push(...w.flush());
  const file = concatBytes(init, ...out.map((s) => s.data));
  const doc = await openIsoBmff(new MemorySource(file), BULK);
  const videoFlags = doc.tree.filter((n) => n.name === 'moof').map((m) => {
    const traf = childrenOf(m, 'traf').find((t) => t.children[0]!.data && (t.children[0]!.data as { trackId: number }).trackId === 1);
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
    const { doc, media, held, videoFlags } = await write(samples, LIMITS);
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
    expect([...dataOf<{ times: Float64Array }>(childrenOf(mfra, 'tfra')[0]!)!.times]).toEqual([0, 5200]);
  });

  it('a fragment stops short of maxFragmentBytes, keyframe or not', async () => {
    const samples = Array.from({ length: 20 }, (_, i) => frame(0, i * 40, i === 0, 100_000));
    const { media, held } = await write(samples, { ...LIMITS, maxFragmentBytes: 350_000 });
    expect(held.bytes).toBeLessThanOrEqual(350_000);
    expect(media.map((m) => m.type === 'media' && m.runs[0]!.count)).toEqual([3, 3, 3, 3, 3, 3, 2]);
  });

  it('audio goes on while video stops: cut on the audio alone once the video is idle', async () => {
    const samples = [frame(0, 0, true, 100), frame(0, 40, false, 100)];
    for (let a = 0; a < 9000; a += 23) samples.push(frame(1, a, true, 10));
    const { media, held } = await write(samples, LIMITS);
    expect(held.seconds).toBeLessThanOrEqual(2);
    expect(media.length).toBeGreaterThanOrEqual(4);
  });

  it('without limits, a stream with one keyframe stays in one fragment (the player and remux keep their cuts)', async () => {
    const samples = Array.from({ length: 100 }, (_, i) => frame(0, i * 40, i === 0, 10));
    const { media } = await write(samples, { fragmentDuration: 1 });
    expect(media).toHaveLength(1);
  });
});
