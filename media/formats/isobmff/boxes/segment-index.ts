import type { FieldReader } from '../../../model/field-reader.js';
import type { SidxData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';

const REFERENCE_TYPE = { 0: 'media (a movie fragment or segment)', 1: 'index (another sidx)' } as const;
const STARTS_WITH_SAP = { 0: 'does not start with a SAP', 1: 'starts with a SAP' } as const;
const SAP_TYPE = {
  0: 'unknown / no SAP',
  1: 'type 1 (closed GOP, decode order = presentation order)',
  2: 'type 2 (closed GOP, leading pictures)',
  3: 'type 3 (open GOP)',
  4: 'type 4 (gradual decoding refresh)',
  5: 'type 5',
  6: 'type 6',
  7: 'reserved',
} as const;

const SIDX_ROW = 12;
const MAX_EXACT = 2 ** 53;

/** Segment Index Box (ISO/IEC 14496-12 8.16.3). */
function readSidx(r: FieldReader, box: BoxScope): void {
  if (box.version > 1) box.report('warning', 'unknown-version', `sidx version ${box.version} is not defined (0 or 1 are); read as version 1`);
  const referenceId = r.u32('reference_ID', (v) => `track_ID ${v}`);
  const timescaleAt = r.absByte;
  const timescale = r.u32('timescale', (v) => `${v} ticks per second`);
  if (timescale === 0) box.report('error', 'timescale-zero', 'timescale 0 makes every time in this index meaningless', timescaleAt, timescaleAt + 4);
  const ticks = (v: number | bigint): string => (timescale ? `${v} ticks (${Number(v) / timescale} s)` : `${v} ticks`);
  const wideAt = r.absByte;
  const wide = box.version >= 1;
  const earliestPresentationTime = wide ? r.u64('earliest_presentation_time', 64, ticks) : r.u32('earliest_presentation_time', ticks);
  const firstOffset = wide ? r.u64('first_offset', 64, (v) => `${v} bytes after this box`) : r.u32('first_offset', (v) => `${v} bytes after this box`);
  if (earliestPresentationTime >= MAX_EXACT || firstOffset >= MAX_EXACT) box.report('warning', 'value-not-exact', 'a 64-bit value beyond 2^53 is kept rounded', wideAt, r.absByte);
  r.u16('reserved');
  const countAt = r.absByte;
  let count = r.u16('reference_count');
  if (count * SIDX_ROW > r.bytesLeft) {
    const fits = Math.floor(r.bytesLeft / SIDX_ROW);
    box.report('error', 'table-count-exceeds-box', `reference_count ${count} needs ${count * SIDX_ROW} bytes, but only ${r.bytesLeft} remain (${fits} references)`, countAt, countAt + 2);
    count = fits;
  }
  const references: SidxData['references'] = [];
  r.table('references', count, () => {
    const referenceType = r.u(1, 'reference_type', REFERENCE_TYPE);
    const referencedSize = r.u(31, 'referenced_size', (v) => `${v} bytes`);
    const subsegmentDuration = r.u32('subsegment_duration', ticks);
    const startsWithSap = r.u(1, 'starts_with_SAP', STARTS_WITH_SAP) === 1;
    const sapType = r.u(3, 'SAP_type', SAP_TYPE);
    const sapDeltaTime = r.u(28, 'SAP_delta_time', ticks);
    references.push({ referenceType, referencedSize, subsegmentDuration, startsWithSap, sapType, sapDeltaTime });
  });
  box.keep({ referenceId, timescale, earliestPresentationTime, firstOffset, references } satisfies SidxData);
}

/** Subsegment Index Box (8.16.4): per subsegment, the byte ranges of each level. Two nested counts, each checked. */
function readSsix(r: FieldReader, box: BoxScope): void {
  const countAt = r.absByte;
  let subsegments = r.u32('subsegment_count');
  if (subsegments * 4 > r.bytesLeft) {
    box.report('error', 'table-count-exceeds-box', `subsegment_count ${subsegments} needs at least ${subsegments * 4} bytes, but only ${r.bytesLeft} remain`, countAt, countAt + 4);
    subsegments = Math.floor(r.bytesLeft / 4);
  }
  r.table('subsegments', subsegments, () => {
    const rangeAt = r.absByte;
    let ranges = r.u32('range_count');
    if (ranges * 4 > r.bytesLeft) {
      box.report('error', 'table-count-exceeds-box', `range_count ${ranges} needs ${ranges * 4} bytes, but only ${r.bytesLeft} remain`, rangeAt, rangeAt + 4);
      ranges = Math.floor(r.bytesLeft / 4);
    }
    r.table('ranges', ranges, () => {
      r.u8('level');
      r.u24('range_size', (v) => `${v} bytes`);
    });
  });
}

registerBoxes(
  { type: 'sidx', title: 'Segment Index Box', spec: 'ISO/IEC 14496-12 8.16.3', full: true, parse: readSidx },
  { type: 'ssix', title: 'Subsegment Index Box', spec: 'ISO/IEC 14496-12 8.16.4', full: true, parse: readSsix },
);
