import { describe, expect, it } from 'vitest';
import { PacketTableBuilder, type TrackInfo } from '../../../media/model/document-model.js';
import { bytesTick, clock, decimalsOf, rateUnit, timeTick } from '../../../renderer/src/lib/charts/axis-format.js';
import { lowerBound, nearest, pixelColumns } from '../../../renderer/src/lib/charts/columns.js';
import { describePacket } from '../../../renderer/src/lib/charts/describe.js';
import { positionOf, stepInTrack } from '../../../renderer/src/lib/charts/navigate.js';
import { splitTracks } from '../../../renderer/src/lib/charts/track-series.js';

describe('pixel columns', () => {
  it('keeps the tallest sample of each class per column, with its index', () => {
    // x 0..9 onto 5 columns (2 samples each); classes 0 and 1 alternate.
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const y = Float64Array.of(5, 1, 7, 2, 3, 9, 4, 4, 8, 6);
    const cls = Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    const c = pixelColumns(x, y, cls, 2, 0, 9, 0, 10, 5);
    expect(Array.from(c.max)).toEqual([5, 7, 3, 4, 8, 1, 2, 9, 4, 6]);
    expect(Array.from(c.at)).toEqual([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]);
  });

  it('an empty column and samples outside the range are left out; x at xMax lands in the last column', () => {
    const c = pixelColumns([0, 1, 10, 50], [1, 2, 3, 4], null, 1, 0, 3, 0, 10, 4);
    expect(Array.from(c.at)).toEqual([1, -1, -1, 2]);
  });

  it('lowerBound and nearest on ascending x', () => {
    const x = [0, 1, 1, 3];
    expect(lowerBound(x, 1)).toBe(1);
    expect(lowerBound(x, 2)).toBe(3);
    expect(lowerBound(x, 9)).toBe(4);
    expect(nearest(x, 2.2)).toBe(3);
    expect(nearest(x, -5)).toBe(0);
    expect(nearest(x, 99)).toBe(3);
  });
});

describe('axis labels', () => {
  it('seconds with the decimals the step needs, clocks over minutes', () => {
    expect(decimalsOf(0.25)).toBe(2);
    expect(decimalsOf(0.5)).toBe(1);
    expect(decimalsOf(5)).toBe(0);
    expect(timeTick(1.25, 0.25)).toBe('1.25s');
    expect(timeTick(3, 1)).toBe('3s');
    expect(timeTick(300, 60)).toBe('5:00');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(-61)).toBe('-1:01');
  });

  it('bytes and rates', () => {
    expect(bytesTick(500)).toBe('500');
    expect(bytesTick(2000)).toBe('2k');
    expect(bytesTick(1_500_000)).toBe('1.5M');
    expect(rateUnit(900).label).toBe('kbit/s');
    expect(rateUnit(900).tick(1200)).toBe('1,200');
    expect(rateUnit(25_000).label).toBe('Mbit/s');
    expect(rateUnit(25_000).tick(12_500)).toBe('12.5');
  });
});

describe('navigation and readout', () => {
  const tracks: TrackInfo[] = [
    { id: 1, kind: 'video', codecName: 'h264', codec: '', timescale: 1000, samples: 3, keyframes: 1, durationSeconds: 0 },
    { id: 2, kind: 'audio', codecName: 'aac', codec: '', timescale: 1000, samples: 2, keyframes: 2, durationSeconds: 0 },
  ];
  const b = new PacketTableBuilder();
  b.push(0, 0, 80, 0, 1000, true); // packet 0: video I
  b.push(1, 0, 0, 1000, 200, true); // packet 1: audio
  b.push(0, 40, 160, 1200, 300, false); // packet 2: video P
  b.push(1, 21, 21, 1500, 210, true); // packet 3: audio
  b.push(0, 80, 120, 1710, 100, false); // packet 4: video B
  const p = b.finish();
  const series = splitTracks(p, tracks);

  it('arrow keys step within the selected packet track, clamped at its ends', () => {
    expect(positionOf(series[0]!.packets, 4)).toBe(2);
    expect(stepInTrack(series, 0, 0, 1)).toBe(2);
    expect(stepInTrack(series, 0, 2, 1)).toBe(4);
    expect(stepInTrack(series, 0, 4, 1)).toBe(4);
    expect(stepInTrack(series, 1, 3, -1)).toBe(1);
    expect(stepInTrack(series, 1, 2, 1)).toBe(-1);
  });

  it('describes a packet: track, sample number, frame type, size, times', () => {
    expect(describePacket(p, series, 4)).toBe('1 h264 sample 3 of 3 (packet 4) · B (reordered) · 100 bytes · DTS 0.080 s · PTS 0.120 s');
    expect(describePacket(p, series, 3)).toBe('2 aac sample 2 of 2 (packet 3) · 210 bytes · DTS 0.021 s · PTS 0.021 s');
    expect(describePacket(p, series, 9)).toBe('');
  });
});
