/**
 * The GOP structure of a video track: each group of pictures starts at a keyframe and runs to the next
 * one; its length in frames and in seconds is the keyframe interval over time.
 */
import type { TrackSeries } from './track-series.js';

export interface Gops {
  /** DTS of the GOP's first sample, seconds. */
  start: Float64Array;
  /** Samples in the GOP. */
  frames: Float64Array;
  /** From its first sample's DTS to the next GOP's (the last one: to its end, one frame duration past its last DTS). */
  seconds: Float64Array;
  /** Global packet index of the GOP's first sample (its keyframe, except a headless first GOP). */
  packet: Uint32Array;
  /** Index of the GOP's first sample within the track. */
  sample: Uint32Array;
}

export function gops(video: TrackSeries): Gops {
  const n = video.dts.length;
  const types = video.frameType;
  const starts: number[] = [];
  for (let k = 0; k < n; k++) {
    // Samples before the first keyframe (a stream cut mid-GOP) still form a group of their own.
    if (k === 0 || types?.[k] === 0) starts.push(k);
  }
  const g = starts.length;
  const out: Gops = {
    start: new Float64Array(g),
    frames: new Float64Array(g),
    seconds: new Float64Array(g),
    packet: new Uint32Array(g),
    sample: new Uint32Array(g),
  };
  const frameDuration = n > 1 ? (video.dts[n - 1]! - video.dts[0]!) / (n - 1) : 0;
  for (let i = 0; i < g; i++) {
    const k = starts[i]!;
    const next = i + 1 < g ? starts[i + 1]! : n;
    out.start[i] = video.dts[k]!;
    out.frames[i] = next - k;
    out.seconds[i] = next < n ? video.dts[next]! - video.dts[k]! : video.dts[n - 1]! - video.dts[k]! + frameDuration;
    out.packet[i] = video.packets[k]!;
    out.sample[i] = k;
  }
  return out;
}
