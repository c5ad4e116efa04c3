import type { FieldReader } from '../../../model/field-reader.js';
import type { CttsData, StssData, SttsData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { knownVersion, readCount } from './table-count.js';

/** TimeToSampleBox (8.6.1.2): runs of samples with the same decoding duration. */
function readStts(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 64);
  const [counts, deltas] = r.columns('entries', count, [
    { name: 'sample_count', bits: 32 },
    { name: 'sample_delta', bits: 32, display: (v) => `${v} media units` },
  ]) as [Uint32Array, Uint32Array];
  box.keep({ counts, deltas } satisfies SttsData);
}

/**
 * CompositionOffsetBox (8.6.1.3). Version 0 declares the offsets unsigned, version 1 signed; both
 * are kept as signed 32-bit, because writers put negative offsets in version 0 boxes too.
 */
function readCtts(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const count = readCount(r, box, 'entry_count', 64);
  const offsetColumn =
    box.version === 0
      ? { name: 'sample_offset', bits: 32 as const, display: (x: number) => (x >= 0x80000000 ? `${x - 0x100000000} if read as signed` : undefined) }
      : { name: 'sample_offset', bits: 32 as const, signed: true };
  const [counts, read] = r.columns('entries', count, [{ name: 'sample_count', bits: 32 }, offsetColumn]) as [Uint32Array, Uint32Array | Int32Array];
  // The same bits as signed: version 0's unsigned values past 2^31 become the negative offsets they mean.
  const offsets = read instanceof Int32Array ? read : new Int32Array(read.buffer, read.byteOffset, read.length);
  const wrapped = read instanceof Int32Array ? -1 : read.findIndex((v) => v >= 0x80000000);
  if (wrapped >= 0) {
    box.report('warning', 'negative-offset-in-version-0', `entry ${wrapped} holds a negative offset in a version 0 box (unsigned there); read as signed`);
  }
  box.keep({ counts, offsets } satisfies CttsData);
}

/** SyncSampleBox (8.6.2): the random access samples, numbered from 1. */
function readStss(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 32);
  const [samples] = r.columns('entries', count, [{ name: 'sample_number', bits: 32 }]) as [Uint32Array];
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
