import type { Diagnostic, Node } from './types.js';

export type TrackKind = 'video' | 'audio' | 'text' | 'data';

/** One entry of a track's edit list, in movie (mvhd) and media timescales. */
export interface EditEntry {
  segmentDuration: number;
  /** -1 is an empty edit. */
  mediaTime: number;
  mediaRate: number;
}

/** What a track is, as the `info` contract reports it. */
export interface TrackInfo {
  id: number;
  kind: TrackKind;
  /** As ffprobe names it: h264, hevc, aac. */
  codecName: string;
  /** RFC 6381 codec string: avc1.42C00D, mp4a.40.2. */
  codec: string;
  width?: number;
  height?: number;
  frameRate?: [number, number];
  sampleRate?: number;
  channels?: number;
  timescale: number;
  samples: number;
  keyframes: number;
  durationSeconds: number;
  edits?: EditEntry[];
  /** Presentation-time shift the edit list implies, in the track timescale (media_time of the first non-empty edit). */
  editShift?: number;
}

/**
 * Packets of a document in file order, as columns (a one-hour file has hundreds of thousands).
 * Times are raw decode/presentation times in the track's timescale, no edit list applied.
 */
export interface PacketTable {
  count: number;
  /** Index into the document's `tracks`. */
  track: Uint16Array;
  dts: Float64Array;
  pts: Float64Array;
  offset: Float64Array;
  size: Uint32Array;
  keyframe: Uint8Array;
}

/** A parsed file: the annotated tree plus the facts other stages need. */
export interface MediaDocument {
  format: string;
  size: number;
  tree: Node[];
  /** Problems not tied to one node (each node also carries its own). */
  diagnostics: Diagnostic[];
  tracks: TrackInfo[];
  packets: PacketTable;
}

/** Packet columns grown as packets are found, trimmed at the end. */
export class PacketTableBuilder {
  count = 0;
  private capacity: number;
  private t: PacketTable;

  constructor(expected = 1024) {
    this.capacity = Math.max(16, expected);
    this.t = PacketTableBuilder.alloc(this.capacity);
  }

  private static alloc(n: number): PacketTable {
    return {
      count: 0,
      track: new Uint16Array(n),
      dts: new Float64Array(n),
      pts: new Float64Array(n),
      offset: new Float64Array(n),
      size: new Uint32Array(n),
      keyframe: new Uint8Array(n),
    };
  }

  push(track: number, dts: number, pts: number, offset: number, size: number, keyframe: boolean): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const t = this.t;
    t.track[i] = track;
    t.dts[i] = dts;
    t.pts[i] = pts;
    t.offset[i] = offset;
    t.size[i] = size;
    t.keyframe[i] = keyframe ? 1 : 0;
  }

  private grow(): void {
    const bigger = PacketTableBuilder.alloc(this.capacity * 2);
    const t = this.t;
    bigger.track.set(t.track);
    bigger.dts.set(t.dts);
    bigger.pts.set(t.pts);
    bigger.offset.set(t.offset);
    bigger.size.set(t.size);
    bigger.keyframe.set(t.keyframe);
    this.capacity *= 2;
    this.t = bigger;
  }

  finish(): PacketTable {
    const n = this.count;
    const t = this.t;
    if (n === this.capacity) return { ...t, count: n }; // exactly sized: no copy
    return {
      count: n,
      track: t.track.slice(0, n),
      dts: t.dts.slice(0, n),
      pts: t.pts.slice(0, n),
      offset: t.offset.slice(0, n),
      size: t.size.slice(0, n),
      keyframe: t.keyframe.slice(0, n),
    };
  }
}
