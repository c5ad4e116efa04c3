import type { FieldReader } from '../../../model/field-reader.js';
import type { CttsData, StssData, SttsData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { knownVersion, readCount } from './table-count.js';

/** TimeToSampleBox (8.6.1.2): runs of samples with the same decoding duration. */
function readStts(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 64);
  const counts = new Uint32Array(count);
  const deltas = new Uint32Array(count);
  r.table('entries', count, (i) => {
    counts[i] = r.u32('sample_count');
    deltas[i] = r.u32('sample_delta', (v) => `${v} media units`);
  });
  box.keep({ counts, deltas } satisfies SttsData);
}

/**
 * CompositionOffsetBox (8.6.1.3). Version 0 declares the offsets unsigned, version 1 signed; both
 * are kept as signed 32-bit, because writers put negative offsets in version 0 boxes too.
 */
function readCtts(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const count = readCount(r, box, 'entry_count', 64);
  const counts = new Uint32Array(count);
  const offsets = new Int32Array(count);
  let wrapped = -1;
  r.table('entries', count, (i) => {
    counts[i] = r.u32('sample_count');
    if (box.version === 0) {
      const v = r.u32('sample_offset', (x) => (x >= 0x80000000 ? `${x - 0x100000000} if read as signed` : undefined));
      if (v >= 0x80000000 && wrapped < 0) wrapped = i;
      offsets[i] = v | 0;
    } else {
      offsets[i] = r.i(32, 'sample_offset');
    }
  });
  if (wrapped >= 0) {
    box.report('warning', 'negative-offset-in-version-0', `entry ${wrapped} holds a negative offset in a version 0 box (unsigned there); read as signed`);
  }
  box.keep({ counts, offsets } satisfies CttsData);
}

/** SyncSampleBox (8.6.2): the random access samples, numbered from 1. */
function readStss(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 32);
  const samples = new Uint32Array(count);
  r.table('entries', count, (i) => {
    samples[i] = r.u32('sample_number');
  });
  box.keep({ samples } satisfies StssData);
}

const IS_LEADING = ['unknown', 'leading, depends on a sample before the I-picture', 'not leading', 'leading, does not depend on a sample before the I-picture'] as const;
const DEPENDS_ON = ['unknown', 'depends on others (not an I-picture)', 'depends on no other (I-picture)', 'reserved'] as const;
const DEPENDED_ON = ['unknown', 'others may depend on it (not disposable)', 'no other depends on it (disposable)', 'reserved'] as const;
const REDUNDANCY = ['unknown', 'has redundant coding', 'has no redundant coding', 'reserved'] as const;

/**
 * SampleDependencyTypeBox (8.6.4): one byte per sample. The sample count comes from stsz,
 * which may come later, so the table runs to the end of the box.
 */
function readSdtp(r: FieldReader): void {
  r.table('entries', r.bytesLeft, () => {
    r.u(2, 'is_leading', IS_LEADING);
    r.u(2, 'sample_depends_on', DEPENDS_ON);
    r.u(2, 'sample_is_depended_on', DEPENDED_ON);
    r.u(2, 'sample_has_redundancy', REDUNDANCY);
  });
}

registerBoxes(
  { type: 'stts', title: 'Decoding Time to Sample Box', spec: 'ISO/IEC 14496-12 8.6.1.2', full: true, parse: readStts },
  { type: 'ctts', title: 'Composition Time to Sample Box', spec: 'ISO/IEC 14496-12 8.6.1.3', full: true, parse: readCtts },
  { type: 'stss', title: 'Sync Sample Box', spec: 'ISO/IEC 14496-12 8.6.2', full: true, parse: readStss },
  { type: 'sdtp', title: 'Independent and Disposable Samples Box', spec: 'ISO/IEC 14496-12 8.6.4', full: true, parse: readSdtp },
);
