/** Helpers the audio and video body readers share: payload ranges, packets, track references. */
import type { FieldReader } from '../../model/field-reader.js';
import { rangeField } from '../../model/types.js';
import type { FlvMediaKind, FlvStreamRef } from './flv-tag-data.js';
import type { TagScope } from './flv-tag.js';

/**
 * The codec payload from the reader's position to absolute byte `end`: shown as a byte range
 * (not copied), the reader moved past what it holds of it. Returns the payload's offset and size.
 */
export function readPayload(r: FieldReader, scope: TagScope, end: number, name = 'Data', display?: string): { offset: number; size: number } {
  const at = r.absByte;
  const inReader = Math.max(0, Math.min(end - at, r.bytesLeft));
  r.skip(inReader * 8);
  const shownEnd = Math.min(end, scope.availableEnd);
  if (shownEnd > at) {
    if (r.recording) r.fields.push(rangeField(name, at, shownEnd, display ?? `${end - at} bytes`));
    scope.coveredTo = Math.max(scope.coveredTo, shownEnd);
  }
  return { offset: at, size: Math.max(0, end - at) };
}

export interface PacketFacts {
  kind: FlvMediaKind;
  trackId: number;
  codec: string;
  /** CompositionTime (ms): pts = dts + cts. */
  cts: number;
  keyframe: boolean;
}

/**
 * Adds a packet for a payload, as ffprobe reports it. Partial tags and empty payloads give none
 * (ffmpeg's FLV demuxer drops empty packets too).
 */
export function addPacket(scope: TagScope, payload: { offset: number; size: number }, facts: PacketFacts): void {
  if (scope.availableEnd < scope.bodyEnd || payload.size <= 0) return;
  const dts = scope.data.timestamp;
  scope.data.packets.push({
    kind: facts.kind,
    trackId: facts.trackId,
    codec: facts.codec,
    dts,
    pts: dts + facts.cts,
    offset: payload.offset,
    size: payload.size,
    keyframe: facts.keyframe,
  });
}

/** Notes that the tag speaks of a track (once per track and tag). */
export function addStream(scope: TagScope, ref: FlvStreamRef): void {
  const streams = scope.data.streams;
  if (!streams.some((s) => s.kind === ref.kind && s.trackId === ref.trackId)) streams.push(ref);
}

/** Bounds reads to the bytes of one track of a multitrack tag; restores the limit afterwards. */
export function withinEnd<T>(r: FieldReader, end: number, body: () => T): T {
  const saved = r.limit(r.dataBitOfByte(end));
  try {
    return body();
  } finally {
    r.restoreLimit(saved);
  }
}

/** Moves the reader to absolute byte `end` (or as far as it holds), after a track's bytes. */
export function seekTo(r: FieldReader, end: number): void {
  const bit = Math.min(r.dataBitOfByte(end), r.cursor.end);
  if (bit > r.pos) r.seek(bit);
}

export const msDisplay = (v: number): string => `${v} ms`;
