import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { BULK } from '../../media/model/types.js';
import { fixture } from '../helpers/fixtures.js';
import { ffprobe, packetsOfStream, rational } from '../helpers/ffprobe.js';

const MP4_FAMILY = ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma', 'hevc.mp4', 'quicktime-aac.mov'];

describe.each(MP4_FAMILY)('%s agrees with ffprobe', (name) => {
  const file = fixture(name);
  const truth = ffprobe(file);

  it('on every packet: count, size, offset, keyframe, DTS from the first, composition offset up to a constant', async () => {
    const doc = await openDocument(file, BULK);
    expect(doc.tracks.length).toBe(truth.streams.length);
    doc.tracks.forEach((track, t) => {
      const theirs = packetsOfStream(truth, t);
      const ours: number[] = [];
      for (let i = 0; i < doc.packets.count; i++) if (doc.packets.track[i] === t) ours.push(i);
      expect(ours.length, `track ${track.id} packet count`).toBe(theirs.length);
      const p = doc.packets;
      const firstDts = p.dts[ours[0]!]!;
      const theirFirstDts = theirs[0]!.dts!;
      const ctoShift = p.pts[ours[0]!]! - p.dts[ours[0]!]! - (theirs[0]!.pts! - theirs[0]!.dts!);
      ours.forEach((i, k) => {
        const them = theirs[k]!;
        const where = `track ${track.id} packet ${k}`;
        expect(p.size[i], `${where} size`).toBe(Number(them.size));
        expect(p.offset[i], `${where} offset`).toBe(Number(them.pos));
        expect(p.keyframe[i] === 1, `${where} keyframe`).toBe(them.flags.includes('K'));
        expect(p.dts[i]! - firstDts, `${where} dts`).toBe(them.dts! - theirFirstDts);
        expect(p.pts[i]! - p.dts[i]! - ctoShift, `${where} composition offset`).toBe(them.pts! - them.dts!);
      });
    });
  });

  it('on codec, dimensions, sample rate, channels and frame rate', async () => {
    const doc = await openDocument(file, BULK);
    doc.tracks.forEach((track, t) => {
      const s = truth.streams[t]!;
      expect(track.codecName).toBe(s.codec_name);
      expect(track.kind).toBe(s.codec_type);
      if (s.codec_type === 'video') {
        expect([track.width, track.height]).toEqual([s.width, s.height]);
        const fps = rational(s.avg_frame_rate);
        if (fps && fps[0] > 0) expect(track.frameRate![0] / track.frameRate![1]).toBeCloseTo(fps[0] / fps[1], 6);
      }
      if (s.codec_type === 'audio') {
        expect(track.sampleRate).toBe(Number(s.sample_rate));
        expect(track.channels).toBe(s.channels);
      }
      expect(track.timescale).toBe(rational(s.time_base)![1]);
    });
  });
});
