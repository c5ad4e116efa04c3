import type { FieldReader } from '../../../model/field-reader.js';
import type { TkhdData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { movieTimescale, readDuration, readMatrix, readTimes } from './movie-fields.js';
import { knownVersion } from './table-count.js';

const TKHD_FLAGS = [
  [0x000001, 'track_enabled'],
  [0x000002, 'track_in_movie'],
  [0x000004, 'track_in_preview'],
  [0x000008, 'track_size_is_aspect_ratio'],
] as const;

function describeFlags(flags: number): string {
  const set = TKHD_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  return set.length > 0 ? set.join(', ') : 'disabled, not in movie or preview';
}

/** TrackHeaderBox (ISO/IEC 14496-12 8.3.2). Durations are in the movie's timescale (from mvhd). */
function readTkhd(r: FieldReader, box: BoxScope): void {
  // The framework has just read the FullBox flags: give them their meaning.
  const flagsField = r.last;
  if (flagsField?.name === 'flags') flagsField.display = describeFlags(box.flags);
  if (!knownVersion(box, 1)) return;
  readTimes(r, box.version);
  const trackId = r.u32('track_ID', (v) => (v === 0 ? 'invalid (track_ID 0 is reserved)' : undefined));
  box.state.trackId = trackId;
  // A new track starts: its handler is not known until its hdlr is read.
  box.state.handler = undefined;
  r.u32('reserved');
  const duration = readDuration(r, box.version, movieTimescale(box.state));
  r.table('reserved', 2, () => r.u32('reserved'));
  r.i(16, 'layer', (v) => (v === 0 ? 'default (lower numbers are closer to the viewer)' : undefined));
  r.i(16, 'alternate_group', (v) => (v === 0 ? 'not in an alternate group' : undefined));
  const volume = r.fixed(8, 8, 'volume', true);
  if (r.last) r.last.display = `${volume} (1.0 for audio tracks, 0 otherwise)`;
  r.u16('reserved');
  readMatrix(r);
  const width = r.fixed(16, 16, 'width');
  const height = r.fixed(16, 16, 'height');
  box.keep({ trackId, duration, width, height, flags: box.flags } satisfies TkhdData);
}

registerBoxes({ type: 'tkhd', title: 'Track Header Box', spec: 'ISO/IEC 14496-12 8.3.2', full: true, parse: readTkhd });
