/**
 * Columns along the file (x = packet index in file order): each track's DTS and PTS, where reordering
 * shows as PTS leaving the DTS line, and the audio/video interleave as the drift between the newest
 * video and the newest audio DTS read so far.
 *
 * Chart series share one x column, so a track needs a value at the other tracks' packets too. Nulls
 * (gaps) would force plain arrays of 250,000 mixed values, several times slower to build and draw;
 * instead each column holds the newest value of its track read so far (what a demuxer reading the file
 * in order knows at that byte), and before a track's first packet, its first value.
 */
import type { PacketTable, TrackInfo } from '../../../../media/model/document-model.js';
import { secondsPerTick } from './track-series.js';

export interface Timeline {
  /** 0 .. count-1. */
  index: Float64Array;
  /** Per track: the newest DTS and PTS of that track at or before each packet, seconds. */
  dts: Float64Array[];
  pts: Float64Array[];
}

export function timeline(p: PacketTable, tracks: readonly TrackInfo[]): Timeline {
  const n = p.count;
  const index = new Float64Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const dts = tracks.map(() => new Float64Array(n));
  const pts = tracks.map(() => new Float64Array(n));
  tracks.forEach((info, t) => {
    const scale = secondsPerTick(info);
    const d = dts[t]!;
    const q = pts[t]!;
    let first = 0;
    while (first < n && p.track[first] !== t) first++;
    if (first === n) return;
    let lastD = p.dts[first]! * scale;
    let lastP = p.pts[first]! * scale;
    for (let i = 0; i < n; i++) {
      if (p.track[i] === t) {
        lastD = p.dts[i]! * scale;
        lastP = p.pts[i]! * scale;
      }
      d[i] = lastD;
      q[i] = lastP;
    }
  });
  return { index, dts, pts };
}

export interface Interleave {
  /** The first packet with both a video and an audio packet at or before it: the columns start there. */
  first: number;
  /** x: the packet's byte offset when offsets rise along the packet table (they do in file order), else its index. */
  x: Float64Array;
  xIsOffset: boolean;
  /** Newest video DTS minus newest audio DTS read so far, seconds (packet first + k at k). */
  drift: Float64Array;
  /** Largest |drift|, seconds. */
  worst: number;
}

/** The A/V drift between the first video and the first audio track; undefined when either is missing. */
export function interleave(p: PacketTable, tracks: readonly TrackInfo[]): Interleave | undefined {
  const video = tracks.findIndex((t) => t.kind === 'video');
  const audio = tracks.findIndex((t) => t.kind === 'audio');
  if (video < 0 || audio < 0) return undefined;
  const vs = secondsPerTick(tracks[video]);
  const as = secondsPerTick(tracks[audio]);
  const n = p.count;
  let lastV = NaN;
  let lastA = NaN;
  let first = 0;
  for (; first < n; first++) {
    const t = p.track[first];
    if (t === video) lastV = p.dts[first]! * vs;
    else if (t === audio) lastA = p.dts[first]! * as;
    if (!Number.isNaN(lastV) && !Number.isNaN(lastA)) break;
  }
  if (first >= n) return undefined;
  let rising = true;
  for (let i = first + 1; i < n && rising; i++) if (p.offset[i]! < p.offset[i - 1]!) rising = false;
  const x = rising ? p.offset.slice(first, n) : Float64Array.from({ length: n - first }, (_, k) => first + k);
  const drift = new Float64Array(n - first);
  let worst = 0;
  for (let i = first; i < n; i++) {
    const t = p.track[i];
    if (t === video) lastV = p.dts[i]! * vs;
    else if (t === audio) lastA = p.dts[i]! * as;
    const d = lastV - lastA;
    drift[i - first] = d;
    if (Math.abs(d) > worst) worst = Math.abs(d);
  }
  return { first, x, xIsOffset: rising, drift, worst };
}
