/**
 * The parts of E-RTMP v2 audio and video tag headers that share one syntax: the ModEx chain
 * and the multitrack loop. `names` carries the audio or video spelling of each field.
 */
import type { Display, FieldReader } from '../../model/field-reader.js';
import { AV_MULTITRACK_TYPES, MOD_EX_TYPES, MULTITRACK } from './flv-tables.js';
import type { TagScope } from './flv-tag.js';
import { readPayload, seekTo, withinEnd } from './tag-payload.js';

export interface ExNames {
  packetType: string;
  packetTypes: Display;
  modExType: string;
  multitrackType: string;
  fourCc: string;
  trackId: string;
  sizeOfTrack: string;
}

export const MOD_EX = 7;

/**
 * While the packet type is ModEx: modExDataSize (UI8 + 1, or UI16 + 1 after 255), modExData,
 * the ModEx type and the next packet type. Returns the first packet type that is not ModEx.
 * Each round consumes at least two bytes, so the loop ends with the data.
 */
export function readModEx(r: FieldReader, packetType: number, names: ExNames): number {
  let type = packetType;
  let round = 0;
  while (type === MOD_EX) {
    type = r.group(`ModEx[${round++}]`, () => {
      let size = r.u8('modExDataSize', (v) => (v === 255 ? 'size follows as UI16' : `${v + 1} bytes`)) + 1;
      if (size === 256) size = r.u16('modExDataSize', (v) => `${v + 1} bytes`) + 1;
      const data = r.bytes(size, 'modExData');
      const modExType = r.u(4, names.modExType, MOD_EX_TYPES);
      if (modExType === 0 && data.length >= 3) {
        const nano = (data[0]! << 16) | (data[1]! << 8) | data[2]!;
        r.derive('timestampOffsetNano', nano, `${nano} ns added to the tag timestamp`);
      }
      return r.u(4, names.packetType, names.packetTypes);
    });
  }
  return type;
}

/** The multitrack header after a Multitrack packet type; returns the multitrack type and the real packet type. */
export function readMultitrackHeader(r: FieldReader, names: ExNames): { multitrackType: number; packetType: number } {
  const multitrackType = r.u(4, names.multitrackType, AV_MULTITRACK_TYPES);
  const packetType = r.u(4, names.packetType, names.packetTypes);
  return { multitrackType, packetType };
}

export interface TrackTarget {
  fourCc: string;
  trackId: number;
  /** Absolute end of this track's bytes. */
  end: number;
}

/**
 * Walks the tracks of a tag body: one pass for a single track, else one group per track
 * (`videoTrackId`, `sizeOfVideoTrack` ...) until the body ends. `body` reads one track's payload.
 */
export function forEachTrack(r: FieldReader, scope: TagScope, multitrackType: number | undefined, fourCc: string, names: ExNames, body: (t: TrackTarget) => void): void {
  if (multitrackType === undefined) {
    body({ fourCc, trackId: 0, end: scope.bodyEnd });
    return;
  }
  let i = 0;
  // Each track takes at least its one-byte track id: the loop ends with the data.
  while (r.absByte < scope.bodyEnd && r.bytesLeft > 0) {
    r.group(`track[${i++}]`, () => {
      const cc = multitrackType === MULTITRACK.ManyTracksManyCodecs ? r.fourcc(names.fourCc) : fourCc;
      const trackId = r.u8(names.trackId);
      let end = scope.bodyEnd;
      if (multitrackType !== MULTITRACK.OneTrack) {
        const at = r.absByte;
        const size = r.u24(names.sizeOfTrack, (v) => `${v} bytes`);
        end = r.absByte + size;
        if (end > scope.bodyEnd) {
          scope.report('error', 'track-size-beyond-tag', `${names.sizeOfTrack} ${size} runs ${end - scope.bodyEnd} bytes past the tag body`, at, at + 3);
          end = scope.bodyEnd;
        }
      }
      withinEnd(r, end, () => body({ fourCc: cc, trackId, end }));
      if (r.absByte < end) readPayload(r, scope, end, 'rest', 'not read');
      seekTo(r, end);
    });
    if (multitrackType === MULTITRACK.OneTrack) return;
  }
}
