/**
 * Video time <-> samples. The player never assumes currentTime equals a sample's time: hls.js moves the
 * media to start near 0 and reports by how much (INIT_PTS_FOUND: initPTS in a timescale), so
 *   output time of a sample = (pts + shift - elst media_time) / timescale = (pts - editShift) / timescale
 *   currentTime             = output time - offset,  offset = initPTS.baseTime / initPTS.timescale.
 * Chromium's MP4 parser applies the edit list the remux writes (media_time = editShift + shift; checked
 * against ffprobe's edit-applied times in test/e2e/player.test.ts); hls.js itself ignores it.
 * The frame on screen at media time t is the last video sample (in presentation order) whose time <= t.
 */
import type { PacketTable } from '../../../../media/model/document-model.js';
import type { PlayIndex } from './types.js';

/**
 * A tenth of a millisecond: media times come back rounded (requestVideoFrameCallback's mediaTime to the
 * microsecond, currentTime through doubles), and no two frames are that close.
 */
const EPSILON = 1e-4;

export class TimeMap {
  /** Frames (video samples, or audio when there is no video) sorted by presentation time. */
  readonly times: Float64Array;
  readonly packets: Int32Array;
  /** Per packet of the document: its output time in seconds (NaN when it is not played). */
  private readonly timeOfPacket: Float64Array;
  /** Per packet: index into `index.segments` of the fragment that carries it, or -1. */
  private readonly segmentOfPacket: Int32Array;

  constructor(
    readonly index: PlayIndex,
    packets: PacketTable,
  ) {
    this.timeOfPacket = new Float64Array(packets.count).fill(Number.NaN);
    this.segmentOfPacket = new Int32Array(packets.count).fill(-1);
    const byDocTrack = new Map(index.tracks.map((t) => [t.docTrack, t]));
    const frameKind = index.tracks.some((t) => t.kind === 'video') ? 'video' : 'audio';
    const frames: number[] = [];
    for (let i = 0; i < packets.count; i++) {
      const t = byDocTrack.get(packets.track[i]!);
      if (!t) continue;
      this.timeOfPacket[i] = (packets.pts[i]! - t.editShift) / t.timescale;
      if (t.kind === frameKind) frames.push(i);
    }
    frames.sort((a, b) => this.timeOfPacket[a]! - this.timeOfPacket[b]!);
    this.packets = Int32Array.from(frames);
    this.times = Float64Array.from(frames, (i) => this.timeOfPacket[i]!);
    index.segments.forEach((s, k) => {
      for (const i of s.packets) if (i < packets.count) this.segmentOfPacket[i] = k;
    });
  }

  /** Output time (seconds) of a packet, or NaN when it is not played. */
  timeOf(packet: number): number {
    return this.timeOfPacket[packet] ?? Number.NaN;
  }

  segmentOf(packet: number): number {
    return this.segmentOfPacket[packet] ?? -1;
  }

  /** Position in `times` of the frame shown at output time `t` (-1 before the first). */
  frameIndexAt(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= t + EPSILON) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The packet of the frame shown at output time `t`, or -1. */
  packetAt(t: number): number {
    const k = this.frameIndexAt(t);
    return k >= 0 ? this.packets[k]! : -1;
  }

  /** The frame `step` frames from the one shown at `t` (clamped), as a packet. */
  stepFrom(t: number, step: number): number {
    if (this.times.length === 0) return -1;
    const k = Math.max(0, Math.min(this.times.length - 1, this.frameIndexAt(t) + step));
    return this.packets[k]!;
  }
}
