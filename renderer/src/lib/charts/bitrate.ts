/**
 * Bitrate over time: the bytes of each track's samples summed per window of decode time, in kbit/s.
 * A sample counts in the window its DTS falls in (that is when a decoder needs its bytes).
 */
import type { TrackSeries } from './track-series.js';

/** More windows than this means broken timestamps (hours of gaps): the window grows instead. */
const MAX_WINDOWS = 200_000;

export interface Bitrate {
  /** Window length in seconds (1 unless the span is absurd). */
  window: number;
  /** Start time of each window, seconds. */
  times: Float64Array;
  /** kbit/s of all tracks per window. */
  total: Float64Array;
  /** The track (index into the document's tracks) of each perTrack column. */
  tracks: number[];
  /** kbit/s per track (same order as the series given), per window. */
  perTrack: Float64Array[];
  /** Per track, per window: the global packet index of the first sample in it, or -1. */
  firstPacket: Int32Array[];
}

export function bitrate(series: readonly TrackSeries[], windowSeconds = 1): Bitrate {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (let k = 0; k < s.dts.length; k++) {
      const t = s.dts[k]!;
      if (!Number.isFinite(t)) continue;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  if (min > max) return { window: windowSeconds, tracks: series.map((s) => s.track), times: new Float64Array(0), total: new Float64Array(0), perTrack: series.map(() => new Float64Array(0)), firstPacket: series.map(() => new Int32Array(0)) };
  let window = windowSeconds;
  const start = Math.floor(min / window) * window;
  while ((max - start) / window + 1 > MAX_WINDOWS) window *= 10;
  const count = Math.floor((max - start) / window) + 1;
  const times = new Float64Array(count);
  for (let w = 0; w < count; w++) times[w] = start + w * window;
  const total = new Float64Array(count);
  const kbits = 8 / 1000 / window;
  const perTrack: Float64Array[] = [];
  const firstPacket: Int32Array[] = [];
  const perWindow = 1 / window;
  for (const s of series) {
    const rate = new Float64Array(count);
    const first = new Int32Array(count).fill(-1);
    const { dts, size, packets } = s;
    for (let k = 0; k < dts.length; k++) {
      const t = dts[k]!;
      if (!(t >= start)) continue; // NaN, or -Infinity
      // Integer window index (| 0 keeps V8 on small-integer indexing); the count bounds it.
      let w = ((t - start) * perWindow) | 0;
      if (w >= count) w = count - 1;
      rate[w]! += size[k]!;
      if (first[w] === -1) first[w] = packets[k]!;
    }
    for (let w = 0; w < count; w++) {
      rate[w]! *= kbits;
      total[w]! += rate[w]!;
    }
    perTrack.push(rate);
    firstPacket.push(first);
  }
  return { window, tracks: series.map((s) => s.track), times, total, perTrack, firstPacket };
}

/** Mean and peak of a rate column, kbit/s (for the legend). */
export function rateSummary(rate: Float64Array): { mean: number; peak: number } {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < rate.length; i++) {
    sum += rate[i]!;
    if (rate[i]! > peak) peak = rate[i]!;
  }
  return { mean: rate.length ? sum / rate.length : 0, peak };
}
