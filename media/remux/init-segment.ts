/**
 * The init segment of a fragmented MP4 (ISO/IEC 14496-12 8.8): ftyp + moov with one trak per track
 * (empty sample tables) and mvex/trex. Movie-level durations are 0: the fragments carry the media.
 */
import type { SampleDescription } from '../model/document-model.js';
import { ByteWriter } from './byte-writer.js';
import { writeSampleEntry } from './sample-entry.js';
import type { RemuxTrack } from './types.js';

/** The movie timescale (mvhd): only durations use it, and they are 0. */
const MOVIE_TIMESCALE = 1000;
const IDENTITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

export interface InitTrack {
  track: RemuxTrack;
  description: SampleDescription;
}

export function writeInitSegment(tracks: readonly InitTrack[]): Uint8Array {
  const w = new ByteWriter(2048);
  // iso6: tfdt/trun version 1 (signed composition offsets); isom/mp41 for older readers.
  w.box('ftyp', () => w.fourcc('iso6').u32(0).fourcc('iso6').fourcc('isom').fourcc('mp41'));
  w.box('moov', () => {
    w.fullBox('mvhd', 0, 0, () => {
      w.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(0); // creation, modification, timescale, duration
      w.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
      for (const m of IDENTITY_MATRIX) w.u32(m);
      w.zeros(24); // pre_defined[6]
      w.u32(Math.max(0, ...tracks.map((t) => t.track.id)) + 1); // next_track_ID
    });
    for (const t of tracks) writeTrak(w, t);
    w.box('mvex', () => {
      for (const { track } of tracks) {
        // Defaults are unused: every traf/trun states its own values.
        w.fullBox('trex', 0, 0, () => w.u32(track.id).u32(1).u32(0).u32(0).u32(0));
      }
    });
  });
  return w.finish().slice();
}

/** media_time of the edit the output needs: the source's own shift plus ours. */
export function editMediaTime(track: RemuxTrack): number {
  return (track.editShift ?? 0) + (track.shift ?? 0);
}

function writeTrak(w: ByteWriter, { track, description: d }: InitTrack): void {
  const video = track.kind === 'video';
  w.box('trak', () => {
    // flags: track_enabled | track_in_movie
    w.fullBox('tkhd', 0, 3, () => {
      w.u32(0).u32(0).u32(track.id).u32(0).u32(0); // creation, modification, track_ID, reserved, duration
      w.zeros(8).u16(0).u16(0); // reserved, layer, alternate_group
      w.u16(video ? 0 : 0x0100).u16(0); // volume, reserved
      for (const m of IDENTITY_MATRIX) w.u32(m);
      w.u32((video ? d.width ?? 0 : 0) * 0x10000).u32((video ? d.height ?? 0 : 0) * 0x10000); // 16.16
    });
    const mediaTime = editMediaTime(track);
    if (mediaTime !== 0) {
      // One edit that starts presentation at mediaTime and runs to the end (segment_duration 0: unknown
      // in a fragmented file), so the shift and the source's own edit survive.
      w.box('edts', () => w.fullBox('elst', 1, 0, () => w.u32(1).u64(0).i64(mediaTime).u16(1).u16(0)));
    }
    w.box('mdia', () => {
      w.fullBox('mdhd', 0, 0, () => {
        w.u32(0).u32(0).u32(track.timescale).u32(0);
        w.u16(0x55c4).u16(0); // language 'und' (packed ISO-639-2/T), pre_defined
      });
      w.fullBox('hdlr', 0, 0, () => {
        w.u32(0).fourcc(video ? 'vide' : 'soun').zeros(12);
        w.bytes(new TextEncoder().encode(video ? 'VideoHandler\0' : 'SoundHandler\0'));
      });
      w.box('minf', () => {
        if (video) w.fullBox('vmhd', 0, 1, () => w.zeros(8));
        else w.fullBox('smhd', 0, 0, () => w.zeros(4));
        w.box('dinf', () => w.fullBox('dref', 0, 0, () => w.u32(1).fullBox('url ', 0, 1)));
        w.box('stbl', () => {
          w.fullBox('stsd', 0, 0, () => {
            w.u32(1);
            writeSampleEntry(w, d);
          });
          w.fullBox('stts', 0, 0, () => w.u32(0));
          w.fullBox('stsc', 0, 0, () => w.u32(0));
          w.fullBox('stsz', 0, 0, () => w.u32(0).u32(0));
          w.fullBox('stco', 0, 0, () => w.u32(0));
        });
      });
    });
  });
}
