import type { FieldReader } from '../../../model/field-reader.js';
import type { MfhdData, TfdtData, TfhdData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';
import { readSampleFlags, showFlags } from './sample-flags.js';

/** tf_flags of tfhd (ISO/IEC 14496-12 8.8.7.1). */
export const TFHD_FLAGS = {
  0x000001: 'base-data-offset-present',
  0x000002: 'sample-description-index-present',
  0x000008: 'default-sample-duration-present',
  0x000010: 'default-sample-size-present',
  0x000020: 'default-sample-flags-present',
  0x010000: 'duration-is-empty',
  0x020000: 'default-base-is-moof',
} as const;

const MAX_EXACT = 2 ** 53;

/** Movie Fragment Header Box (8.8.5). */
function readMfhd(r: FieldReader, box: BoxScope): void {
  const sequenceNumber = r.u32('sequence_number');
  box.keep({ sequenceNumber } satisfies MfhdData);
}

/** Track Fragment Header Box (8.8.7): every field after track_ID is present only when its flag is set. */
function readTfhd(r: FieldReader, box: BoxScope): void {
  const flags = box.flags;
  showFlags(r, flags, TFHD_FLAGS);
  if (box.version !== 0) box.report('warning', 'unknown-version', `tfhd version ${box.version} is not defined (0 is); read as version 0`);
  const trackId = r.u32('track_ID');
  // senc, saio and friends later in this traf need to know whose samples they describe.
  box.state.trackId = trackId;
  const data: TfhdData = {
    trackId,
    flags,
    defaultBaseIsMoof: (flags & 0x020000) !== 0,
    durationIsEmpty: (flags & 0x010000) !== 0,
  };
  if (flags & 0x000001) {
    const at = r.absByte;
    data.baseDataOffset = r.u64('base_data_offset', 64, (v) => `byte ${v} of the file`);
    if (data.baseDataOffset >= MAX_EXACT) box.report('error', 'offset-too-large', `base_data_offset ${data.baseDataOffset} is beyond 2^53 bytes`, at, at + 8);
  }
  if (flags & 0x000002) data.sampleDescriptionIndex = r.u32('sample_description_index', (v) => (v === 0 ? 'invalid (indices start at 1)' : `entry ${v} of stsd`));
  if (flags & 0x000008) data.defaultSampleDuration = r.u32('default_sample_duration', (v) => `${v} ticks of the media timescale`);
  if (flags & 0x000010) data.defaultSampleSize = r.u32('default_sample_size', (v) => `${v} bytes`);
  if (flags & 0x000020) data.defaultSampleFlags = readSampleFlags(r, 'default_sample_flags');
  if (flags & 0x000001 && flags & 0x020000) {
    box.report('info', 'base-is-moof-ignored', 'default-base-is-moof is ignored when base-data-offset is present');
  }
  box.keep(data);
}

/** Track Fragment Base Media Decode Time Box (8.8.12). */
function readTfdt(r: FieldReader, box: BoxScope): void {
  const at = r.absByte;
  if (box.version > 1) box.report('warning', 'unknown-version', `tfdt version ${box.version} is not defined (0 or 1 are); read as version 1`);
  const ticks = (v: number | bigint): string => `${v} ticks of the media timescale`;
  const baseMediaDecodeTime = box.version >= 1 ? r.u64('baseMediaDecodeTime', 64, ticks) : r.u32('baseMediaDecodeTime', ticks);
  if (baseMediaDecodeTime >= MAX_EXACT) box.report('warning', 'value-not-exact', 'baseMediaDecodeTime is beyond 2^53 and is kept rounded', at, r.absByte);
  box.keep({ baseMediaDecodeTime } satisfies TfdtData);
}

registerBoxes(
  { type: 'mfhd', title: 'Movie Fragment Header Box', spec: 'ISO/IEC 14496-12 8.8.5', full: true, parse: readMfhd },
  { type: 'tfhd', title: 'Track Fragment Header Box', spec: 'ISO/IEC 14496-12 8.8.7', full: true, parse: readTfhd },
  { type: 'tfdt', title: 'Track Fragment Base Media Decode Time Box', spec: 'ISO/IEC 14496-12 8.8.12', full: true, parse: readTfdt },
);
