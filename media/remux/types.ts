/** What goes into the fragmented MP4 writer and what comes out of it. */
import type { SampleDescription } from '../model/document-model.js';

export interface RemuxTrack {
  /** track_ID written in the output (1-based, unique). */
  id: number;
  kind: 'video' | 'audio';
  /** The media timescale: the source's own (ms for FLV, 10 MHz for ISMV ...), so times stay exact. */
  timescale: number;
  /** Every sample description the track may use; samples name one by index. */
  descriptions: SampleDescription[];
  /**
   * Added to every decode and presentation time of the track (tfdt cannot be negative: see timeline.ts),
   * and kept in the edit list so presentation times are unchanged. Default 0.
   */
  shift?: number;
  /** The source's own presentation shift (edit list media_time, e.g. the B-frame delay), in the timescale. */
  editShift?: number;
}

/** One sample in decode order of its track. Samples of different tracks may interleave freely. */
export interface RemuxSample {
  /** Index into the writer's tracks. */
  track: number;
  /** Decode and presentation time in the track timescale, before the shift. */
  dts: number;
  pts: number;
  /** Duration in the timescale when the source states it, else 0 (the next sample's DTS decides). */
  duration: number;
  keyframe: boolean;
  /** Index into the track's descriptions. */
  description: number;
  /** The payload in MP4 form: length-prefixed NAL units, raw AAC. */
  data: Uint8Array;
}

/** The samples of one track in one fragment, as written. */
export interface TrackRun {
  track: number;
  /** tfdt: decode time of the first sample, shift included. */
  baseDecodeTime: number;
  count: number;
  /** Presentation time (shift included) of the first sync sample, and its 0-based index, when there is one. */
  syncTime?: number;
  syncIndex?: number;
}

export type Mp4Segment =
  /** Starts a new generation: write it at the start of a new file, or append it to a SourceBuffer. */
  | { type: 'init'; generation: number; data: Uint8Array; mimeType: string }
  /**
   * moof + mdat. `offset` is where it lies in its generation's file (after the init segment and the
   * fragments before). `parts` are its bytes in pieces (payloads are views of the samples pushed, for
   * writev); `data` joins them into one buffer on first use (for MSE's appendBuffer).
   */
  | { type: 'media'; generation: number; sequenceNumber: number; offset: number; size: number; parts: Uint8Array[]; readonly data: Uint8Array; runs: TrackRun[] }
  /** mfra: the random access index that closes a generation's file (when the writer was asked for it). */
  | { type: 'index'; generation: number; data: Uint8Array };
