/**
 * The packet table split by track, as the charts read it: one set of columns per track in decode order,
 * times in seconds. Pure data preparation (no DOM, no chart library): typed arrays only, two passes over
 * the packets, so a one-hour file (~250,000 packets) takes a few milliseconds.
 */
import type { PacketTable, TrackInfo, TrackKind } from '../../../../media/model/document-model.js';
import { frameTypes } from './frame-types.js';

export interface TrackSeries {
  /** Index into the document's `tracks`. */
  track: number;
  kind: TrackKind;
  /** What the legend calls it: "1 h264". */
  label: string;
  /** Global packet indices (into the packet table), in decode order. */
  packets: Uint32Array;
  /** Decode and presentation times in seconds (raw times / timescale, no edit list). */
  dts: Float64Array;
  pts: Float64Array;
  /** Sample sizes in bytes (Float64Array so a chart can use it as a series as it is). */
  size: Float64Array;
  /** Video tracks: FrameType per sample (frame-types.ts). */
  frameType?: Uint8Array;
}

/** A timescale of 0 (malformed) would make every time infinite: such tracks are drawn in raw ticks. */
export function secondsPerTick(track: TrackInfo | undefined): number {
  const ts = track?.timescale ?? 0;
  return ts > 0 && Number.isFinite(ts) ? 1 / ts : 1;
}

export function splitTracks(p: PacketTable, tracks: readonly TrackInfo[]): TrackSeries[] {
  const n = p.count;
  const counts = new Uint32Array(tracks.length);
  for (let i = 0; i < n; i++) {
    const t = p.track[i]!;
    if (t < counts.length) counts[t]!++;
  }
  const out: TrackSeries[] = tracks.map((info, t) => ({
    track: t,
    kind: info.kind,
    label: `${info.id} ${info.codecName}`,
    packets: new Uint32Array(counts[t]!),
    dts: new Float64Array(counts[t]!),
    pts: new Float64Array(counts[t]!),
    size: new Float64Array(counts[t]!),
  }));
  const scale = tracks.map(secondsPerTick);
  const fill = new Uint32Array(tracks.length);
  for (let i = 0; i < n; i++) {
    const t = p.track[i]!;
    const s = out[t];
    if (!s) continue;
    const k = fill[t]!++;
    s.packets[k] = i;
    s.dts[k] = p.dts[i]! * scale[t]!;
    s.pts[k] = p.pts[i]! * scale[t]!;
    s.size[k] = p.size[i]!;
  }
  for (const s of out) {
    if (!isSorted(s.dts)) sortByDts(s);
    if (s.kind === 'video') s.frameType = frameTypes(s.pts, keyframesOf(p, s.packets));
  }
  return out;
}

function keyframesOf(p: PacketTable, packets: Uint32Array): Uint8Array {
  const out = new Uint8Array(packets.length);
  for (let k = 0; k < packets.length; k++) out[k] = p.keyframe[packets[k]!]!;
  return out;
}

function isSorted(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) return false;
  return true;
}

/**
 * File order is decode order in every container we read, so this is the rare path (a damaged or odd
 * file): charts need ascending x values, so the track's columns are put in DTS order (stable).
 */
function sortByDts(s: TrackSeries): void {
  const order = Array.from(s.dts.keys()).sort((a, b) => s.dts[a]! - s.dts[b]! || a - b);
  const packets = s.packets.slice();
  const dts = s.dts.slice();
  const pts = s.pts.slice();
  const size = s.size.slice();
  order.forEach((from, to) => {
    s.packets[to] = packets[from]!;
    s.dts[to] = dts[from]!;
    s.pts[to] = pts[from]!;
    s.size[to] = size[from]!;
  });
}
