import type { TrackSeries } from './track-series.js';

/**
 * The packet `delta` samples away from `packet` within its own track (decode order), clamped to the
 * track; -1 when the packet is in none of the series.
 */
export function stepInTrack(series: readonly TrackSeries[], track: number, packet: number, delta: number): number {
  const s = series.find((x) => x.track === track);
  if (!s || !s.packets.length) return -1;
  const k = positionOf(s.packets, packet);
  if (k < 0) return -1;
  return s.packets[Math.max(0, Math.min(s.packets.length - 1, k + delta))]!;
}

/** Index of `packet` in a track's packet column: a binary search (file order is ascending), else a scan. */
export function positionOf(packets: Uint32Array, packet: number): number {
  let lo = 0;
  let hi = packets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = packets[mid]!;
    if (v === packet) return mid;
    if (v < packet) lo = mid + 1;
    else hi = mid - 1;
  }
  return packets.indexOf(packet);
}
