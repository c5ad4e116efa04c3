import { describe, expect, it } from 'vitest';
import type { TrackInfo } from '../../../media/model/document-model.js';
import { PacketTableBuilder } from '../../../media/model/document-model.js';
import { bitrate, rateSummary } from '../../../renderer/src/lib/charts/bitrate.js';
import { gops } from '../../../renderer/src/lib/charts/gop.js';
import { prepareCharts } from '../../../renderer/src/lib/charts/prepare.js';
import { interleave, timeline } from '../../../renderer/src/lib/charts/timeline.js';
import { splitTracks } from '../../../renderer/src/lib/charts/track-series.js';
import { ffprobe, packetsOfStream } from '../../helpers/ffprobe.js';
import { fixture } from '../../helpers/fixtures.js';
import { openFixture } from './open-fixture.js';

const NAME = 'avc-high-bframes-faststart.mp4';

function track(kind: 'video' | 'audio', id: number, timescale: number): TrackInfo {
  return { id, kind, codecName: kind === 'video' ? 'h264' : 'aac', codec: '', timescale, samples: 0, keyframes: 0, durationSeconds: 0 };
}

describe('track series', () => {
  it('splits the packet table by track in decode order, times in seconds', () => {
    const b = new PacketTableBuilder();
    b.push(0, 0, 1024, 100, 5000, true); // video I, dts 0, pts 1024 (timescale 512: 0 s, 2 s)
    b.push(1, 0, 0, 5100, 300, true); // audio, timescale 1000
    b.push(0, 512, 512, 5400, 700, false); // video, dts 1 s
    b.push(1, 1000, 1000, 6100, 310, true);
    const [v, a] = splitTracks(b.finish(), [track('video', 1, 512), track('audio', 2, 1000)]);
    expect(Array.from(v!.packets)).toEqual([0, 2]);
    expect(Array.from(v!.dts)).toEqual([0, 1]);
    expect(Array.from(v!.pts)).toEqual([2, 1]);
    expect(Array.from(v!.size)).toEqual([5000, 700]);
    expect(Array.from(v!.frameType!)).toEqual([0, 2]);
    expect(Array.from(a!.packets)).toEqual([1, 3]);
    expect(a!.frameType).toBeUndefined();
    expect(v!.label).toBe('1 h264');
  });

  it('a track whose file order is not decode order is put in DTS order; timescale 0 is read as ticks', () => {
    const b = new PacketTableBuilder();
    b.push(0, 2, 2, 0, 30, false);
    b.push(0, 1, 1, 30, 20, true);
    b.push(0, 3, 3, 50, 10, false);
    const [v] = splitTracks(b.finish(), [track('video', 1, 0)]);
    expect(Array.from(v!.dts)).toEqual([1, 2, 3]);
    expect(Array.from(v!.packets)).toEqual([1, 0, 2]);
    expect(Array.from(v!.size)).toEqual([20, 30, 10]);
  });
});

describe(`${NAME} against ffprobe`, () => {
  it('bitrate per 1 s window equals the sizes ffprobe lists, per track and in total', async () => {
    const doc = await openFixture(NAME);
    const series = splitTracks(doc.packets, doc.tracks);
    const rate = bitrate(series);
    expect(rate.window).toBe(1);
    // 60 frames at 30 fps; 95 AAC frames of 1024 at 48 kHz reach DTS 2.005 s.
    expect(Array.from(rate.times)).toEqual([0, 1, 2]);
    const probe = ffprobe(fixture(NAME));
    for (const [t, s] of series.entries()) {
      const packets = packetsOfStream(probe, t);
      const timescale = doc.tracks[t]!.timescale;
      // ffprobe shifts DTS by the edit list; line its first packet up with ours.
      const shift = s.dts[0]! * timescale - packets[0]!.dts!;
      const expected = [0, 0, 0];
      for (const p of packets) expected[Math.floor((p.dts! + shift) / timescale)]! += (Number(p.size) * 8) / 1000;
      expect(Array.from(rate.perTrack[t]!).map((v) => v.toFixed(3))).toEqual(expected.map((v) => v.toFixed(3)));
    }
    const all = probe.packets.reduce((sum, p) => sum + Number(p.size), 0);
    expect(rate.total.reduce((a, v) => a + v, 0)).toBeCloseTo((all * 8) / 1000, 6);
    // The first packet of each window per track is a packet of that track at or after the window start.
    expect(rate.firstPacket[0]![0]).toBe(series[0]!.packets[0]);
    expect(doc.packets.track[rate.firstPacket[1]![1]!]).toBe(1);
    expect(rateSummary(rate.total).peak).toBe(Math.max(...rate.total));
  });

  it('GOPs: keyframes at frames 0, 25 and 50 (as ffprobe flags them); 25, 25 and 10 frames at 30 fps', async () => {
    const doc = await openFixture(NAME);
    const video = splitTracks(doc.packets, doc.tracks).find((s) => s.kind === 'video')!;
    const probe = packetsOfStream(ffprobe(fixture(NAME)), 0);
    const keyIndices = probe.flatMap((p, i) => (p.flags.startsWith('K') ? [i] : []));
    expect(keyIndices).toEqual([0, 25, 50]);
    const g = gops(video);
    expect(Array.from(g.sample)).toEqual(keyIndices);
    expect(Array.from(g.frames)).toEqual([25, 25, 10]);
    expect(Array.from(g.seconds).map((s) => s.toFixed(4))).toEqual([25 / 30, 25 / 30, 10 / 30].map((s) => s.toFixed(4)));
    expect(Array.from(g.start).map((s) => s.toFixed(4))).toEqual([0, 25 / 30, 50 / 30].map((s) => s.toFixed(4)));
    for (const p of g.packet) expect(doc.packets.keyframe[p]).toBe(1);
  });

  it("timeline: each track's newest DTS and PTS at or before every packet", async () => {
    const doc = await openFixture(NAME);
    const tl = timeline(doc.packets, doc.tracks);
    const p = doc.packets;
    expect(tl.index.length).toBe(p.count);
    const seen = [-1, -1];
    const firstOf = (t: number): number => Array.from(p.track).indexOf(t);
    for (let i = 0; i < p.count; i++) {
      seen[p.track[i]!] = i;
      for (const t of [0, 1]) {
        const from = seen[t]! >= 0 ? seen[t]! : firstOf(t);
        expect(tl.dts[t]![i]).toBeCloseTo(p.dts[from]! / doc.tracks[t]!.timescale, 9);
        expect(tl.pts[t]![i]).toBeCloseTo(p.pts[from]! / doc.tracks[t]!.timescale, 9);
      }
    }
    // Reordering is visible: the video PTS goes down somewhere along the file, its DTS never does.
    const v = tl.pts[0]!;
    expect(v.some((x, k) => k > 0 && x < v[k - 1]!)).toBe(true);
    expect(tl.dts[0]!.every((x, k) => k === 0 || x >= tl.dts[0]![k - 1]!)).toBe(true);
  });

  it('interleave: the drift is the newest video DTS minus the newest audio DTS, along rising offsets', async () => {
    const doc = await openFixture(NAME);
    const p = doc.packets;
    const il = interleave(p, doc.tracks)!;
    expect(il.xIsOffset).toBe(true);
    const both = Math.max(Array.from(p.track).indexOf(0), Array.from(p.track).indexOf(1));
    expect(il.first).toBe(both);
    expect(il.x.length).toBe(p.count - both);
    expect(il.x[0]).toBe(p.offset[both]);
    let v = NaN;
    let a = NaN;
    let worst = 0;
    for (let i = 0; i < p.count; i++) {
      if (p.track[i] === 0) v = p.dts[i]! / doc.tracks[0]!.timescale;
      else a = p.dts[i]! / doc.tracks[1]!.timescale;
      if (i >= both) {
        expect(il.drift[i - both]).toBeCloseTo(v - a, 9);
        worst = Math.max(worst, Math.abs(v - a));
      }
    }
    expect(il.worst).toBeCloseTo(worst, 9);
  });
});

describe('edge cases', () => {
  it('an empty document gives empty charts', () => {
    const data = prepareCharts(new PacketTableBuilder().finish(), []);
    expect(data.tracks).toEqual([]);
    expect(data.bitrate.times.length).toBe(0);
    expect(data.video).toBeUndefined();
    expect(data.gops).toBeUndefined();
    expect(data.interleave).toBeUndefined();
  });

  it('absurd timestamps widen the bitrate window instead of allocating millions', () => {
    const b = new PacketTableBuilder();
    b.push(0, 0, 0, 0, 10, true);
    b.push(0, 1e12, 1e12, 10, 10, false);
    const rate = bitrate(splitTracks(b.finish(), [track('video', 1, 1)]));
    expect(rate.times.length).toBeLessThanOrEqual(200_000);
    expect(rate.window).toBeGreaterThan(1);
    expect(rate.total.reduce((a, v) => a + v, 0) * rate.window).toBeCloseTo(0.16, 9);
  });

  it('video without audio: no interleave; a headless first GOP (no keyframe at the start) is a GOP of its own', () => {
    const b = new PacketTableBuilder();
    for (let i = 0; i < 10; i++) b.push(0, i, i, i * 10, 10, i === 4);
    const data = prepareCharts(b.finish(), [track('video', 1, 10)]);
    expect(data.interleave).toBeUndefined();
    expect(Array.from(data.gops!.frames)).toEqual([4, 6]);
    expect(data.gops!.seconds[1]).toBeCloseTo(0.6, 9);
  });
});

describe('one hour (~250,000 packets)', () => {
  it('prepares every chart column fast (printed, not asserted)', () => {
    // 30 fps video with I B B P and a 2 s GOP, 48 kHz AAC (1024 samples a frame), interleaved by time.
    const b = new PacketTableBuilder(1 << 18);
    const frames = 3600 * 30;
    const audioFrames = Math.floor((3600 * 48000) / 1024);
    let offset = 0;
    let a = 0;
    for (let f = 0; f < frames; f++) {
      const dts = f * 512;
      const inGop = f % 60;
      const pos = inGop % 3; // decode order I/P, B, B: the B pictures show before the P decoded before them
      const pts = pos === 0 ? dts + 1024 : dts - 512;
      b.push(0, dts, pts, offset, inGop === 0 ? 60000 : pos === 0 ? 15000 : 5000, inGop === 0);
      offset += 20000;
      while (a < audioFrames && a * 1024 * 15360 <= dts * 48000) {
        b.push(1, a * 1024, a * 1024, offset, 300, true);
        offset += 300;
        a++;
      }
    }
    const packets = b.finish();
    const tracks = [track('video', 1, 15360), track('audio', 2, 48000)];
    const cold = prepareCharts(packets, tracks).millis; // the first document: the JIT has not warmed up
    const data = prepareCharts(packets, tracks);
    console.log(`prepareCharts: ${packets.count} packets in ${data.millis.toFixed(1)} ms (first run ${cold.toFixed(1)} ms)`);
    expect(packets.count).toBeGreaterThan(250_000);
    expect(data.gops!.frames.length).toBe(frames / 60);
    expect(data.bitrate.times.length).toBe(3600);
  });
});
