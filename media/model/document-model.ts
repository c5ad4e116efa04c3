import type { ByteSource } from '../source/byte-source.js';
import type { Diagnostic, Node, ParseOptions } from './types.js';

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
  /**
   * The packets' payloads and decoder configurations as an MP4 sample table needs them: what remux
   * (media/remux) and export read. Absent where a format does not offer it (yet).
   */
  samples?: SampleAccess;
}

/** What a sample entry (avc1/hvc1/mp4a ...) needs: one per decoder configuration a track uses. */
export interface SampleDescription {
  /** Sample entry fourcc: `avc1`, `avc3`, `hvc1`, `hev1`, `mp4a`. */
  format: string;
  /** RFC 6381 codec string of this configuration: avc1.64001E, mp4a.40.2. */
  codec: string;
  /**
   * The codec configuration record as the source carries it, without box header:
   * AVCDecoderConfigurationRecord (avcC), HEVCDecoderConfigurationRecord (hvcC), or the
   * AudioSpecificConfig (what esds wraps), never rewritten.
   */
  config: Uint8Array;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  /** Bytes of each NAL unit length prefix in the samples (video), from the config record. */
  nalLengthSize?: number;
}

/**
 * Sample-level access to a document's packets, parallel to `packets` (same indices).
 * Payloads come in MP4 form whatever the container: length-prefixed NAL units for H.264/HEVC
 * (Annex B start codes replaced, every NAL unit kept), raw access units for AAC (ADTS headers
 * removed). `packets.offset/size` stay the ffprobe view of where the bytes lie.
 */
export interface SampleAccess {
  /** Per track (index into `tracks`): its sample descriptions (MP4: the stsd entries in order; others: in order of first use). Empty when none can be written. */
  descriptions: SampleDescription[][];
  /** Per packet: index into its track's `descriptions` (a new one where a sequence header changes). */
  description: Uint16Array;
  /** Per packet: its duration in the track timescale when the container states it (MP4), else 0. */
  duration: Float64Array;
  /** The payload of packet `index` in MP4 form. Reading packets in file order is the fast path. */
  read(index: number): Promise<Uint8Array>;
  /**
   * Formats whose packets are not one run of file bytes (MPEG-TS: headers of other packets in between): packet
   * `index` opened into its NAL units or ADTS frame, read from `source` (the document's bytes), every field at
   * its bits in the file.
   */
  expand?(index: number, source: ByteSource, options: ParseOptions): Promise<Node[]>;
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
