import type { FieldReader } from '../../../model/field-reader.js';
import type { MehdData, TrexData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';
import { readSampleFlags } from './sample-flags.js';

/** Track Extends Box (ISO/IEC 14496-12 8.8.3): the defaults every fragment of a track starts from. */
function readTrex(r: FieldReader, box: BoxScope): void {
  const trackId = r.u32('track_ID');
  const defaultSampleDescriptionIndex = r.u32('default_sample_description_index', (v) => (v === 0 ? 'invalid (indices start at 1)' : `entry ${v} of stsd`));
  const defaultSampleDuration = r.u32('default_sample_duration', (v) => `${v} ticks of the media timescale`);
  const defaultSampleSize = r.u32('default_sample_size', (v) => `${v} bytes`);
  const defaultSampleFlags = readSampleFlags(r, 'default_sample_flags');
  box.keep({ trackId, defaultSampleDescriptionIndex, defaultSampleDuration, defaultSampleSize, defaultSampleFlags } satisfies TrexData);
}

/** Movie Extends Header Box (8.8.2): the whole presentation's duration, fragments included. */
function readMehd(r: FieldReader, box: BoxScope): void {
  const ticks = (v: number | bigint): string => `${v} ticks of the movie timescale (mvhd)`;
  const fragmentDuration = box.version === 1 ? r.u64('fragment_duration', 64, ticks) : r.u32('fragment_duration', ticks);
  box.keep({ fragmentDuration } satisfies MehdData);
}

const ASSIGNMENT_TYPE = {
  0: 'by sample group (grouping_type)',
  1: 'by sample group with parameter (grouping_type, grouping_type_parameter)',
  2: 'by track',
  3: 'by track (each level a track)',
  4: 'by sub-track (sub_track_ID)',
} as const;

const PADDING_FLAG = { 0: 'levels are not padded', 1: 'a conforming fraction can be formed by padding' } as const;

/** Level Assignment Box (8.8.13). Entries are 5 to 13 bytes; level_count is 8 bits, so the loop is small. */
function readLeva(r: FieldReader, box: BoxScope): void {
  const at = r.absByte;
  let count = r.u8('level_count');
  if (count * 5 > r.bytesLeft) {
    box.report('error', 'table-count-exceeds-box', `level_count ${count} needs at least ${count * 5} bytes, but only ${r.bytesLeft} remain`, at, at + 1);
    count = Math.floor(r.bytesLeft / 5);
  }
  r.table('levels', count, () => {
    r.u32('track_ID');
    r.u(1, 'padding_flag', PADDING_FLAG);
    const type = r.u(7, 'assignment_type', (v) => ASSIGNMENT_TYPE[v as keyof typeof ASSIGNMENT_TYPE] ?? 'reserved');
    if (type === 0 || type === 1) r.fourcc('grouping_type');
    if (type === 1) r.u32('grouping_type_parameter');
    if (type === 4) r.u32('sub_track_ID');
  });
}

registerBoxes(
  { type: 'trex', title: 'Track Extends Box', spec: 'ISO/IEC 14496-12 8.8.3', full: true, parse: readTrex },
  { type: 'mehd', title: 'Movie Extends Header Box', spec: 'ISO/IEC 14496-12 8.8.2', full: true, parse: readMehd },
  { type: 'leva', title: 'Level Assignment Box', spec: 'ISO/IEC 14496-12 8.8.13', full: true, parse: readLeva },
);
