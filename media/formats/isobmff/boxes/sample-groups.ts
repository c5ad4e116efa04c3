import type { FieldReader } from '../../../model/field-reader.js';
import type { SaioData, SaizData, SampleGroupEntryData, SbgpData, SgpdData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { knownVersion, readCount } from './table-count.js';

const GROUPING_TYPES: Readonly<Record<string, string>> = {
  roll: 'roll recovery (ISO/IEC 14496-12 10.1)',
  prol: 'audio pre-roll (ISO/IEC 14496-12 10.1)',
  'rap ': 'random access point (ISO/IEC 14496-12 10.4)',
  'sap ': 'stream access point (ISO/IEC 14496-12 10.6)',
  seig: 'CENC sample encryption information (ISO/IEC 23001-7)',
  sync: 'sync sample NAL unit type (ISO/IEC 14496-15)',
  tele: 'temporal level (ISO/IEC 14496-12 10.5)',
  tscl: 'temporal layer (ISO/IEC 14496-15)',
  stsa: 'step-wise temporal sub-layer access (ISO/IEC 14496-15)',
  tsas: 'temporal sub-layer access (ISO/IEC 14496-15)',
  rash: 'rate share (ISO/IEC 14496-12 10.2)',
  alst: 'alternative startup sequence (ISO/IEC 14496-12 10.3)',
};

/** Entry sizes of the grouping types whose entries are fixed-size, for version 0 boxes (no lengths). */
const FIXED_ENTRY_BYTES: Readonly<Record<string, number>> = { roll: 2, prol: 2, 'rap ': 1, sync: 1, tele: 1 };

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** One SampleGroupDescriptionEntry of a grouping type Bitlens knows; the others stay bytes. */
function readEntry(r: FieldReader, type: string, length: number): SampleGroupEntryData {
  switch (type) {
    case 'roll':
    case 'prol':
      return { rollDistance: r.i(16, 'roll_distance', (v) => (v < 0 ? `decode ${-v} samples before to recover` : `correct after ${v} samples`)) };
    case 'rap ': {
      const known = r.flag('num_leading_samples_known');
      return { numLeadingSamplesKnown: known, numLeadingSamples: r.u(7, 'num_leading_samples') };
    }
    case 'sync':
      r.u(2, 'reserved');
      return { nalUnitType: r.u(6, 'NAL_unit_type') };
    case 'tele':
      r.flag('level_independently_decodable');
      r.u(7, 'reserved');
      return {};
    case 'seig': {
      r.u8('reserved');
      const cryptByteBlock = r.u(4, 'crypt_byte_block');
      const skipByteBlock = r.u(4, 'skip_byte_block');
      const isProtected = r.u8('isProtected', { 0: 'not encrypted', 1: 'encrypted' });
      const perSampleIvSize = r.u8('Per_Sample_IV_Size', (v) => (v === 0 ? 'constant IV' : `${v} bytes`));
      const kid = r.bytes(16, 'KID');
      if (r.last) r.last.display = hex(kid);
      const entry: SampleGroupEntryData = { isProtected, perSampleIvSize, kid, cryptByteBlock, skipByteBlock };
      if (isProtected === 1 && perSampleIvSize === 0) {
        const n = r.u8('constant_IV_size', (v) => `${v} bytes`);
        entry.constantIv = r.bytes(n, 'constant_IV');
        if (r.last) r.last.display = hex(entry.constantIv);
      }
      return entry;
    }
    default:
      return { bytes: r.bytes(length, 'data', 'not decoded') };
  }
}

/** SampleGroupDescriptionBox (8.9.3). */
function readSgpd(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 2)) return;
  const version = box.version;
  const groupingType = r.fourcc('grouping_type', (c) => GROUPING_TYPES[c]);
  let defaultLength = 0;
  if (version >= 1) defaultLength = r.u32('default_length', (v) => (v === 0 ? 'each entry gives its length' : `${v} bytes per entry`));
  let defaultIndex: number | undefined;
  if (version >= 2) defaultIndex = r.u32('default_sample_description_index', (v) => (v === 0 ? 'no default group' : undefined));
  const fixed = FIXED_ENTRY_BYTES[groupingType];
  if (version === 0 && fixed === undefined && groupingType !== 'seig') {
    // Version 0 gives no entry lengths, so entries of an unknown type cannot be told apart.
    r.u32('entry_count');
    box.report('info', 'entry-length-unknown', `version 0 gives no entry length for grouping type '${groupingType}'; entries shown as bytes`);
    if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'entries', 'not decoded');
    keepSgpd(box, groupingType, defaultIndex, []);
    return;
  }
  const minBytes = version >= 1 ? defaultLength || 4 : (fixed ?? 20);
  const count = readCount(r, box, 'entry_count', minBytes * 8);
  const entries: SampleGroupEntryData[] = [];
  r.table('entries', count, () => {
    let length = version >= 1 ? defaultLength : (fixed ?? r.bytesLeft);
    if (version >= 1 && defaultLength === 0) length = r.u32('description_length', (v) => `${v} bytes`);
    if (version === 0) {
      entries.push(readEntry(r, groupingType, length));
      return;
    }
    if (length > r.bytesLeft) {
      box.report('error', 'entry-overflows-box', `a ${length}-byte entry runs past the end of the box`, r.absByte, box.end);
      length = r.bytesLeft;
    }
    // The declared length bounds the entry: reads stop there, and what the type leaves is shown.
    const entryEnd = r.pos + length * 8;
    const saved = r.limit(entryEnd);
    try {
      entries.push(readEntry(r, groupingType, length));
      if (r.pos < entryEnd) r.bytes((entryEnd - r.pos) >>> 3, 'remaining', 'beyond the fields of this grouping type');
    } finally {
      r.restoreLimit(saved);
    }
  });
  keepSgpd(box, groupingType, defaultIndex, entries);
}

function keepSgpd(box: BoxScope, groupingType: string, defaultIndex: number | undefined, entries: SampleGroupEntryData[]): void {
  const data: SgpdData = { groupingType, entries };
  if (defaultIndex !== undefined) data.defaultSampleDescriptionIndex = defaultIndex;
  box.keep(data);
}

function groupIndexDisplay(v: number): string | undefined {
  if (v === 0) return 'in no group of this type';
  if (v > 0x10000) return `entry ${v - 0x10000} of this fragment's sgpd`;
  return undefined;
}

/** SampleToGroupBox (8.9.2): runs of samples and the sgpd entry each run belongs to. */
function readSbgp(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const groupingType = r.fourcc('grouping_type', (c) => GROUPING_TYPES[c]);
  let groupingTypeParameter: number | undefined;
  if (box.version === 1) groupingTypeParameter = r.u32('grouping_type_parameter');
  const count = readCount(r, box, 'entry_count', 64);
  const sampleCounts = new Uint32Array(count);
  const groupDescriptionIndices = new Uint32Array(count);
  r.table('entries', count, (i) => {
    sampleCounts[i] = r.u32('sample_count');
    groupDescriptionIndices[i] = r.u32('group_description_index', groupIndexDisplay);
  });
  const data: SbgpData = { groupingType, sampleCounts, groupDescriptionIndices };
  if (groupingTypeParameter !== undefined) data.groupingTypeParameter = groupingTypeParameter;
  box.keep(data);
}

/** saio and saiz open with the same optional pair when flags & 1. */
function readAuxType(r: FieldReader, box: BoxScope): { auxInfoType?: string; auxInfoTypeParameter?: number } {
  if ((box.flags & 1) === 0) return {};
  const auxInfoType = r.fourcc('aux_info_type', (c) => (c === 'cenc' || c === 'cbc1' || c === 'cens' || c === 'cbcs' ? 'Common Encryption sample auxiliary information' : undefined));
  const auxInfoTypeParameter = r.u32('aux_info_type_parameter');
  return { auxInfoType, auxInfoTypeParameter };
}

/** SampleAuxiliaryInformationOffsetsBox (8.7.9): 32-bit offsets in version 0, 64-bit in version 1. */
function readSaio(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const aux = readAuxType(r, box);
  const bits = box.version === 0 ? 32 : 64;
  const count = readCount(r, box, 'entry_count', bits);
  const offsets = new Float64Array(count);
  r.table('offset', count, (i) => {
    offsets[i] = r.u64('offset', bits);
  });
  box.keep({ ...aux, offsets } satisfies SaioData);
}

/** SampleAuxiliaryInformationSizesBox (8.7.8): one size for all, or a byte per sample when the default is 0. */
function readSaiz(r: FieldReader, box: BoxScope): void {
  const aux = readAuxType(r, box);
  const defaultSampleInfoSize = r.u8('default_sample_info_size', (v) => (v === 0 ? 'sizes differ: see the table' : `${v} bytes each`));
  if (defaultSampleInfoSize !== 0) {
    const sampleCount = r.u32('sample_count');
    box.keep({ ...aux, defaultSampleInfoSize, sampleCount } satisfies SaizData);
    return;
  }
  const sampleCount = readCount(r, box, 'sample_count', 8);
  const sizes = new Uint8Array(sampleCount);
  r.table('sample_info_size', sampleCount, (i) => {
    sizes[i] = r.u8('sample_info_size', (v) => `${v} bytes`);
  });
  box.keep({ ...aux, defaultSampleInfoSize, sampleCount, sizes } satisfies SaizData);
}

registerBoxes(
  { type: 'sgpd', title: 'Sample Group Description Box', spec: 'ISO/IEC 14496-12 8.9.3', full: true, parse: readSgpd },
  { type: 'sbgp', title: 'Sample to Group Box', spec: 'ISO/IEC 14496-12 8.9.2', full: true, parse: readSbgp },
  { type: 'saio', title: 'Sample Auxiliary Information Offsets Box', spec: 'ISO/IEC 14496-12 8.7.9', full: true, parse: readSaio },
  { type: 'saiz', title: 'Sample Auxiliary Information Sizes Box', spec: 'ISO/IEC 14496-12 8.7.8', full: true, parse: readSaiz },
);
