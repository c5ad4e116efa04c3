/**
 * Messages between the window and a live session's worker, typed in one place. The window fetches the
 * session's new bytes (readRange, as session-bytes events say they grew) and hands them over; the worker
 * runs them through the RTMP push parser and answers with the new top-level nodes (no `data`), the packets
 * they hold, and, for a player that asked, the coded frames with their payloads.
 */
import type { SampleDescription, TrackInfo } from '../../../../media/model/document-model.js';
import type { Node } from '../../../../media/model/types.js';

/** One coded frame as the packet table lists it (times in ms, offsets in the session's byte stream). */
export interface LivePacketRow {
  track: number;
  dts: number;
  pts: number;
  offset: number;
  size: number;
  keyframe: boolean;
}

/**
 * What a player gets, in stream order: a track's decoder configuration (again whenever a new sequence
 * header arrives), then its frames in MP4 form (length-prefixed NAL units, raw AAC), times in ms.
 */
export type LiveMediaItem =
  | { type: 'description'; track: number; kind: 'video' | 'audio'; description: SampleDescription; timestamp: number }
  /** `end`: offset just past the frame's RTMP message in the session's byte stream (when it had all arrived). */
  | { type: 'packet'; track: number; kind: 'video' | 'audio'; dts: number; pts: number; keyframe: boolean; data: Uint8Array; end: number };

export type ToLiveWorker =
  /** The next bytes of the session's client stream (in order, no gaps). */
  | { type: 'bytes'; bytes: Uint8Array }
  /** No more bytes will come. */
  | { type: 'end' }
  /** Start (or stop) sending media items; starting replays the current descriptions first. */
  | { type: 'media'; on: boolean };

export type FromLiveWorker =
  | {
      type: 'units';
      /** New top-level nodes, in stream order (handshake packets, messages with their chunk headers and FLV tags). */
      nodes: Node[];
      packets: LivePacketRow[];
      /** The tracks so far, with their sample counts. */
      tracks: TrackInfo[];
      /** Bytes parsed so far. */
      parsed: number;
      /** Why reading stopped (the server would have closed the connection here). */
      failure?: { code: string; message: string; start: number; end: number };
    }
  | { type: 'media'; items: LiveMediaItem[] };
