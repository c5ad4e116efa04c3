import type { FieldReader } from '../../../model/field-reader.js';
import type { TrunData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';
import { readSampleFlags, showFlags } from './sample-flags.js';

/** tr_flags of trun (ISO/IEC 14496-12 8.8.8.1). */
export const TRUN_FLAGS = {
  0x000001: 'data-offset-present',
  0x000004: 'first-sample-flags-present',
  0x000100: 'sample-duration-present',
  0x000200: 'sample-size-present',
  0x000400: 'sample-flags-present',
  0x000800: 'sample-composition-time-offsets-present',
} as const;

const DURATION = 0x100;
const SIZE = 0x200;
const FLAGS = 0x400;
const CTO = 0x800;

/** Bytes each sample row takes: 4 per per-sample column whose flag is set. */
export function trunRowSize(flags: number): number {
  return 4 * (Number((flags & DURATION) !== 0) + Number((flags & SIZE) !== 0) + Number((flags & FLAGS) !== 0) + Number((flags & CTO) !== 0));
}

const ticks = (v: number): string => `${v} ticks of the media timescale`;
const bytes = (v: number): string => `${v} bytes`;

/** Version 0 offsets are unsigned; a value with the top bit set is almost always a negative offset written in the wrong version. */
const unsignedOffset = (v: number): string => (v >= 0x80000000 ? `${v} ticks (read as signed by most players: ${v - 0x100000000})` : ticks(v));

/**
 * Track Fragment Run Box (8.8.8). The sample table is checked against the bytes left before any column is
 * allocated, so a sample_count of 0xFFFFFFFF in a small box costs a diagnostic, not 16 GB.
 */
function readTrun(r: FieldReader, box: BoxScope): void {
  const flags = box.flags;
  showFlags(r, flags, TRUN_FLAGS);
  if (box.version > 1) box.report('warning', 'unknown-version', `trun version ${box.version} is not defined (0 or 1 are); read as version 1`);
  const countAt = r.absByte;
  const declared = r.u32('sample_count');
  const data: TrunData = { flags, sampleCount: declared, countAt };
  if (flags & 0x000001) data.dataOffset = r.i(32, 'data_offset', (v) => `${v} bytes from the base data offset`);
  if (flags & 0x000004) data.firstSampleFlags = readSampleFlags(r, 'first_sample_flags');

  const rowSize = trunRowSize(flags);
  if (rowSize === 0) {
    // Every sample takes its values from tfhd/trex defaults: there is no table to read (or to loop over).
    // The count stays as declared; the sample index bounds it by the file's bytes (SampleBudget).
    box.keep(data);
    return;
  }
  let count = declared;
  if (count * rowSize > r.bytesLeft) {
    const fits = Math.floor(r.bytesLeft / rowSize);
    box.report('error', 'table-count-exceeds-box', `sample_count ${declared} needs ${declared * rowSize} bytes of ${rowSize}-byte rows, but only ${r.bytesLeft} remain (${fits} rows)`, countAt, countAt + 4);
    count = fits;
  }
  // sampleCount describes the columns kept, so later stages never index past them.
  data.sampleCount = count;
  const durations = flags & DURATION ? new Uint32Array(count) : undefined;
  const sizes = flags & SIZE ? new Uint32Array(count) : undefined;
  const sampleFlags = flags & FLAGS ? new Uint32Array(count) : undefined;
  const offsets = flags & CTO ? new Int32Array(count) : undefined;
  const signedOffsets = box.version >= 1;
  r.table('samples', count, (i) => {
    if (durations) durations[i] = r.u32('sample_duration', ticks);
    if (sizes) sizes[i] = r.u32('sample_size', bytes);
    if (sampleFlags) sampleFlags[i] = readSampleFlags(r, 'sample_flags');
    if (offsets) offsets[i] = signedOffsets ? r.i(32, 'sample_composition_time_offset', ticks) : r.u32('sample_composition_time_offset', unsignedOffset);
  });
  if (durations) data.durations = durations;
  if (sizes) data.sizes = sizes;
  if (sampleFlags) data.sampleFlags = sampleFlags;
  if (offsets) data.compositionOffsets = offsets;
  box.keep(data);
}

registerBoxes({ type: 'trun', title: 'Track Fragment Run Box', spec: 'ISO/IEC 14496-12 8.8.8', full: true, parse: readTrun });
